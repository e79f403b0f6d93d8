import type { CommandHandlers } from '../api/crm-api';
import type { DuplicateRecord } from '../api/lead-contract';
import type { Lead } from '../domain/entities';
import { duplicateMatch, type DuplicateProbe } from '../domain/leads';
import { plain, type CoreContext } from './context';
import { applyPatch, newRecordBase, patchRecord, updateRecord } from './records';
import { newStageEvent, writeWithStageEvent } from './stage-events';
import { assertValidDocument } from './validation';

type LeadCommands = Pick<
  CommandHandlers,
  'leads/create' | 'leads/update' | 'leads/score' | 'leads/findDuplicates'
>;

/** Names sort as a Chinese reader expects, as in the lists. */
const byName = new Intl.Collator('zh-CN').compare;

/**
 * Every open lead, account and contact that looks like `probe` (see shared/domain/leads.ts).
 * A scan, not an index lookup: normalised names cannot be indexed without a schema change, and a
 * firm's few thousand customers compare in milliseconds. Only called on a person's typing pause.
 */
export async function findDuplicates(
  ctx: CoreContext,
  probe: DuplicateProbe,
  excludeId?: string,
): Promise<DuplicateRecord[]> {
  if (!probe.company && !probe.phone && !probe.email) return [];
  const { leads, accounts, contacts } = ctx.database;
  const [leadDocs, accountDocs, contactDocs] = await Promise.all([
    leads.find({ selector: { archived: false } }).exec(),
    accounts.find({ selector: { archived: false } }).exec(),
    contacts.find({ selector: { archived: false } }).exec(),
  ]);
  const accountNames = new Map(accountDocs.map((a) => [a.id, a.name]));
  const found: DuplicateRecord[] = [];
  for (const doc of leadDocs) {
    if (doc.id === excludeId) continue;
    const record = plain(doc);
    const matchedOn = duplicateMatch(probe, record);
    if (matchedOn.length > 0) found.push({ kind: 'lead', record, matchedOn });
  }
  for (const doc of accountDocs) {
    const record = plain(doc);
    const matchedOn = duplicateMatch(probe, { company: record.name, phone: record.phone });
    if (matchedOn.length > 0) found.push({ kind: 'account', record, matchedOn });
  }
  for (const doc of contactDocs) {
    const record = plain(doc);
    // A contact is the same person by phone or email; the company is its account's business.
    const matchedOn = duplicateMatch(
      { phone: probe.phone, email: probe.email },
      { phone: record.phone, email: record.email },
    );
    if (matchedOn.length > 0) {
      found.push({
        kind: 'contact',
        record,
        accountName: accountNames.get(record.accountId) ?? '',
        matchedOn,
      });
    }
  }
  // Strongest first: more matching fields, then by name.
  const name = (d: DuplicateRecord) => (d.kind === 'lead' ? d.record.company : d.record.name);
  return found.sort((a, b) => b.matchedOn.length - a.matchedOn.length || byName(name(a), name(b)));
}

export function leadCommands(ctx: CoreContext): LeadCommands {
  return {
    'leads/create': async (args) => {
      const base = newRecordBase(ctx);
      const lead = applyPatch<Lead>(
        { ...base, stage: 'new', stageEnteredAt: base.createdAt, company: '' },
        args,
      );
      // The creation event makes time-in-New measurable, as for opportunities.
      const event = newStageEvent(ctx, {
        phase: 'lead',
        recordId: lead.id,
        to: lead.stage,
        at: lead.stageEnteredAt,
      });
      assertValidDocument('leads', lead);
      assertValidDocument('stageevents', event);
      return writeWithStageEvent(ctx, event, async () =>
        plain(await ctx.database.leads.insert(lead)),
      );
    },
    'leads/update': ({ id, patch }) => patchRecord(ctx, 'leads', id, patch),
    // Scoring never moves the lead: qualifying is the rep's decision, the score informs it.
    'leads/score': ({ id, scorecard }) =>
      updateRecord(ctx, 'leads', id, (current) => ({
        ...current,
        scorecard: { ...scorecard },
        updatedAt: ctx.now(),
      })),
    'leads/findDuplicates': ({ company, phone, email, excludeId }) =>
      findDuplicates(ctx, { company, phone, email }, excludeId),
  };
}
