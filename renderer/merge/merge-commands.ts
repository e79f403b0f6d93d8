import type { CrmApi, FieldFill } from '../../shared/api';
import type { Account, Contact, Lead } from '../../shared/domain';

export type MergeTarget = Lead | Account | Contact;

interface Named {
  record: MergeTarget;
}

/** `<kind>/merge`, one command per kind (each is typed by its own record). */
export async function mergeRecords(
  api: CrmApi,
  kind: 'lead' | 'account' | 'contact',
  source: Named,
  target: Named,
): Promise<MergeTarget> {
  const args = { sourceId: source.record.id, targetId: target.record.id };
  if (kind === 'lead') return (await api.invoke('leads/merge', args)).target;
  if (kind === 'account') return (await api.invoke('accounts/merge', args)).target;
  return (await api.invoke('contacts/merge', args)).target;
}

/**
 * `<kind>/fillBlanks` with what the person typed, restricted to the fields the command takes
 * (the name or company they typed is the existing record's already, or its own stays).
 */
export async function fillBlanks(
  api: CrmApi,
  request: { kind: 'lead' | 'account' | 'contact'; target: Named; values: Record<string, string> },
): Promise<{ target: MergeTarget; fills: FieldFill[] }> {
  const v = request.values;
  const id = request.target.record.id;
  if (request.kind === 'lead') {
    const values = { contactName: v.contactName, phone: v.phone, email: v.email, source: v.source };
    return api.invoke('leads/fillBlanks', { id, values });
  }
  if (request.kind === 'account') {
    const values = {
      industry: v.industry,
      phone: v.phone,
      website: v.website,
      address: v.address,
      notes: v.notes,
    };
    return api.invoke('accounts/fillBlanks', { id, values });
  }
  const values = { title: v.title, phone: v.phone, email: v.email };
  return api.invoke('contacts/fillBlanks', { id, values });
}
