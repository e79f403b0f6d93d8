import { newId } from '../../shared/domain';

export interface LocalProfile {
  id: string;
  name: string;
}

const STORAGE_KEY = 'ltcdesk.profile';

function isProfile(value: unknown): value is LocalProfile {
  if (typeof value !== 'object' || value === null) return false;
  const { id, name } = value as Record<string, unknown>;
  return (
    typeof id === 'string' && id.length > 0 && typeof name === 'string' && name.trim().length > 0
  );
}

/**
 * The web build's user until sign-in arrives: a device-made id and a name, kept in localStorage so
 * every record made in this browser has the same owner across reloads. The name defaults to the
 * word for "me" in the language of first use; cards show "Me" for one's own records in whatever
 * language is current, so the stored name only matters once records are shared.
 */
export function loadLocalProfile(
  defaultName: string,
  storage: Storage | undefined = globalThis.localStorage,
): LocalProfile {
  try {
    const saved: unknown = JSON.parse(storage?.getItem(STORAGE_KEY) ?? 'null');
    if (isProfile(saved)) return saved;
  } catch {
    // A corrupt or unreadable entry is replaced below.
  }
  const profile: LocalProfile = { id: newId(), name: defaultName };
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(profile));
  } catch {
    // Storage disabled: the profile lasts for this page only.
  }
  return profile;
}
