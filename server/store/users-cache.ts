import type { UserRow } from './types';

/** Firms whose people are kept; the least recently used is dropped beyond it. */
const FIRMS_KEPT = 1_000;

/**
 * Each firm's people, as the rulebook reads them on every push (names, roles, teams): read again
 * only when the firm's users_version has moved since. Every change to a person raises it in the
 * same transaction (kysely-store.ts), and every request reads it with its sign-in (findSession),
 * so a request never judges with a list older than its own sign-in check, in any server process.
 * Without it, each push of a firm of 200 read and parsed all 200 people.
 */
export class UsersCache {
  readonly #firms = new Map<string, { version: number; users: Promise<readonly UserRow[]> }>();

  constructor(private readonly load: (orgId: string) => Promise<UserRow[]>) {}

  /**
   * The firm's people at `version` or later: the list is read after the version was, so it holds
   * every change up to it (a newer list is replaced when a request brings the newer version).
   */
  users(orgId: string, version: number): Promise<readonly UserRow[]> {
    const kept = this.#firms.get(orgId);
    this.#firms.delete(orgId);
    if (kept && kept.version === version) {
      this.#firms.set(orgId, kept);
      return kept.users;
    }
    const users = this.load(orgId).then((rows) => Object.freeze(rows.map((u) => Object.freeze(u))));
    const entry = { version, users };
    this.#firms.set(orgId, entry);
    // A failed read is not kept: the next request reads again.
    users.catch(() => {
      if (this.#firms.get(orgId) === entry) this.#firms.delete(orgId);
    });
    if (this.#firms.size > FIRMS_KEPT) this.#firms.delete(this.#firms.keys().next().value!);
    return users;
  }
}
