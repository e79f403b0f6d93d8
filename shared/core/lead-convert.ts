import type { CommandHandlers } from '../api/crm-api';
import { CrmError } from '../api/errors';
import type { LeadConversion } from '../api/lead-contract';
import type { Account, Contact, Lead, Opportunity, StageEvent } from '../domain/entities';
import { newId } from '../domain/ids';
import { conversionRefusal } from '../domain/leads';
import type { Money } from '../domain/money';
import { plain, retryOnConflict, type CoreContext } from './context';
import { firstStageKey } from '../domain/pipelines';
import { DEFAULT_PIPELINE_ID, stageFields } from './opportunities';
import { loadPipeline } from './pipelines';
import { findOrNotFound, newRecordBase } from './records';
import { newStageEvent, nextStageTime, writeWithStageEvent } from './stage-events';
import { assertValidDocument } from './validation';

type ConvertCommand = Pick<CommandHandlers, 'leads/convert'>;

/*
 * CONVERSION: a Qualified lead becomes an account, a contact (when the lead names a person) and an
 * opportunity in Qualify, and the lead moves to Converted keeping the three ids.
 *
 * RxDB has no transaction across collections, so conversion is made all-or-nothing by order:
 *   1. Check everything: the lead's stage, a chosen existing account, and the schema of every
 *      document about to be written (account, contact, opportunity, the lead, two stage events).
 *      A refused conversion writes nothing.
 *   2. Stamp the lead with the ids the new records WILL have (convertedAccountId/ContactId/
 *      OpportunityId), its stage unchanged.
 *   3. Insert the account, then the contact, then the opportunity with its creation stage event.
 *   4. Move the lead to Converted, with its stage event (stage-events.ts keeps each record's stage
 *      change and its event together).
 * If a step fails with an error, what this attempt inserted is removed again and the stamp taken
 * off, so the lead is as it was. If the process dies between 2 and 4, the lead is left Qualified
 * WITH the stamp: that is the marker of an unfinished conversion. Converting it again (the board
 * offers "finish conversion" on such a card) reuses the stamped ids, skips the records that
 * already exist and writes only the rest, so a crash never makes a second account or opportunity.
 */

export function leadConvertCommand(ctx: CoreContext): ConvertCommand {
  return {
    'leads/convert': (args) => retryOnConflict(() => convert(ctx, args)),
  };
}

interface ConvertArgs {
  id: string;
  opportunityTitle?: string | undefined;
  amount?: Money | undefined;
  accountId?: string | undefined;
}

/** Conversion leaves Qualified only (shared/domain/leads.ts says why not). */
function assertConvertible(lead: Lead): void {
  const refusal = conversionRefusal(lead);
  if (refusal) throw new CrmError(refusal);
}

async function convert(ctx: CoreContext, args: ConvertArgs): Promise<LeadConversion> {
  const { database } = ctx;
  const leadDoc = await findOrNotFound(database.leads, args.id);
  const lead = plain(leadDoc);
  assertConvertible(lead);

  // Step 1: what exists already (an unfinished conversion's records, or the chosen account).
  const find = <T>(query: { exec(): Promise<T | null> } | null) => query?.exec() ?? null;
  const { convertedAccountId, convertedContactId, convertedOpportunityId } = lead;
  const stampedAccount = await find(
    convertedAccountId ? database.accounts.findOne(convertedAccountId) : null,
  );
  const stampedContact = await find(
    convertedContactId ? database.contacts.findOne(convertedContactId) : null,
  );
  const stampedOpportunity = await find(
    convertedOpportunityId ? database.opportunities.findOne(convertedOpportunityId) : null,
  );
  const chosenAccount =
    stampedAccount ??
    (args.accountId && !convertedAccountId
      ? await database.accounts.findOne(args.accountId).exec()
      : null);
  // A chosen account is linked, not made; that it exists is the rulebook's reference rule, which
  // refuses the contact and deal naming it otherwise (and the conversion is undone).
  const linked = chosenAccount?.id ?? (convertedAccountId ? undefined : args.accountId);
  const accountId = linked ?? lead.convertedAccountId ?? newId();
  const contactId = lead.contactName
    ? (stampedContact?.id ?? lead.convertedContactId ?? newId())
    : undefined;
  const opportunityId = stampedOpportunity?.id ?? lead.convertedOpportunityId ?? newId();

  const base = () => newRecordBase(ctx);
  const account: Account | undefined = linked
    ? undefined
    : withoutEmpty({ ...base(), id: accountId, name: lead.company, phone: lead.phone });
  const contact: Contact | undefined =
    contactId && !stampedContact && lead.contactName
      ? withoutEmpty({
          ...base(),
          id: contactId,
          accountId,
          name: lead.contactName,
          phone: lead.phone,
          email: lead.email,
        })
      : undefined;
  let opportunity: Opportunity | undefined;
  let opportunityEvent: StageEvent | undefined;
  if (!stampedOpportunity) {
    // New deals start in the first stage of their pipeline (the rulebook's creation stage).
    const pipeline = await loadPipeline(ctx, DEFAULT_PIPELINE_ID);
    const created = base();
    opportunity = withoutEmpty({
      ...created,
      id: opportunityId,
      title: args.opportunityTitle?.trim() || lead.company,
      accountId,
      contactId,
      pipelineId: DEFAULT_PIPELINE_ID,
      ...stageFields(firstStageKey(pipeline), pipeline),
      stageEnteredAt: created.createdAt,
      amount: args.amount,
    });
    opportunityEvent = newStageEvent(ctx, {
      phase: 'opportunity',
      recordId: opportunityId,
      to: opportunity.stage,
      at: opportunity.stageEnteredAt,
    });
  }
  const stamp = withoutEmpty({
    convertedAccountId: accountId,
    convertedContactId: contactId,
    convertedOpportunityId: opportunityId,
  });
  const stamped: Lead = { ...lead, ...stamp };
  const at = nextStageTime(ctx, lead.stageEnteredAt);
  const converted: Lead = { ...stamped, stage: 'converted', stageEnteredAt: at, updatedAt: at };
  const leadEvent = newStageEvent(ctx, {
    phase: 'lead',
    recordId: lead.id,
    from: lead.stage,
    to: 'converted',
    at,
  });
  if (account) assertValidDocument('accounts', account);
  if (contact) assertValidDocument('contacts', contact);
  if (opportunity) assertValidDocument('opportunities', opportunity);
  if (opportunityEvent) assertValidDocument('stageevents', opportunityEvent);
  assertValidDocument('leads', converted);
  assertValidDocument('stageevents', leadEvent);

  // Steps 2–4, undone on error (see above).
  const undo: (() => Promise<unknown>)[] = [];
  try {
    const alreadyStamped =
      lead.convertedAccountId === stamp.convertedAccountId &&
      lead.convertedContactId === stamp.convertedContactId &&
      lead.convertedOpportunityId === stamp.convertedOpportunityId;
    let current = leadDoc;
    if (!alreadyStamped) {
      current = await leadDoc.modify(() => stamped);
      undo.push(() => unstamp(ctx, lead));
    }
    const accountDoc = account ? await database.accounts.insert(account) : chosenAccount;
    if (account && accountDoc) undo.push(() => accountDoc.remove());
    const contactDoc = contact ? await database.contacts.insert(contact) : stampedContact;
    if (contact && contactDoc) undo.push(() => contactDoc.remove());
    let opportunityDoc = stampedOpportunity;
    if (opportunity && opportunityEvent) {
      const toInsert = opportunity;
      opportunityDoc = await writeWithStageEvent(ctx, opportunityEvent, () =>
        database.opportunities.insert(toInsert),
      );
      const eventId = opportunityEvent.id;
      undo.push(async () => {
        await opportunityDoc?.remove();
        await database.stageevents.findOne(eventId).remove();
      });
    }
    const finalLead = await writeWithStageEvent(ctx, leadEvent, async () =>
      plain(await current.modify(() => converted)),
    );
    if (!accountDoc || !opportunityDoc) throw new Error('conversion lost a record it wrote');
    const result: LeadConversion = {
      lead: finalLead,
      account: plain(accountDoc),
      opportunity: plain(opportunityDoc),
    };
    if (contactDoc) result.contact = plain(contactDoc);
    return result;
  } catch (error) {
    // Best effort: whatever cannot be undone stays stamped on the lead, and converting again finishes.
    for (const step of undo.reverse()) await step().catch(() => undefined);
    throw error;
  }
}

/** Takes an unfinished conversion's stamp off the lead again, whatever its revision now. */
async function unstamp(ctx: CoreContext, before: Lead): Promise<void> {
  const doc = await ctx.database.leads.findOne(before.id).exec();
  if (!doc || doc.stage === 'converted') return;
  await doc.incrementalModify((data) => {
    const next = { ...data };
    delete next.convertedAccountId;
    delete next.convertedContactId;
    delete next.convertedOpportunityId;
    return {
      ...next,
      ...withoutEmpty({
        convertedAccountId: before.convertedAccountId,
        convertedContactId: before.convertedContactId,
        convertedOpportunityId: before.convertedOpportunityId,
      }),
    };
  });
}

/** Drops undefined and empty-string fields: the schemas forbid neither, but records never carry them. */
function withoutEmpty<T extends object>(record: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (value !== undefined && value !== '') out[key] = value;
  }
  return out as T;
}
