import { z } from 'zod';
import type { Account, Contact, Opportunity } from '../domain/entities';
import { id, isoDate, moneyArg, optionalEmail, optionalText, requiredText } from './fields';
import { activityCommandSchemas, type ActivityCommandResults } from './activity-contract';
import { collectionsCommandSchemas, type CollectionsCommandResults } from './collections-contract';
import { mergeCommandSchemas, type MergeCommandResults } from './merge-contract';
import { leadCommandSchemas, type LeadCommandResults } from './lead-contract';
import {
  pipelineCommandSchemas,
  pipelineId,
  stageKey,
  type PipelineCommandResults,
} from './pipeline-contract';
import { contractingCommandSchemas, type ContractingCommandResults } from './contracting-contract';
import { syncCommandSchemas, type SyncCommandResults } from './sync-contract';
import { demoCommandSchemas, type DemoCommandResults } from './demo-contract';

const accountFields = {
  name: requiredText(200),
  industry: optionalText(100),
  phone: optionalText(50),
  website: optionalText(200),
  address: optionalText(300),
  notes: optionalText(4000),
};

const contactFields = {
  accountId: id,
  name: requiredText(100),
  title: optionalText(100),
  phone: optionalText(50),
  email: optionalEmail,
};

const opportunityFields = {
  title: requiredText(200),
  accountId: id,
  // null clears an optional field on update; undefined leaves it alone.
  contactId: id.nullable().optional(),
  amount: moneyArg.nullable().optional(),
  expectedClose: isoDate.nullable().optional(),
  description: optionalText(4000),
  /** 经理备注: managers and admins only (the rulebook refuses it from a rep). */
  managerNote: optionalText(4000),
};

/** The commands the domain core handles (shared/core). */
export const coreCommandSchemas = {
  'accounts/create': z.strictObject(accountFields),
  'accounts/update': z.strictObject({ id, patch: z.strictObject(accountFields).partial() }),
  'accounts/archive': z.strictObject({ id }),
  'contacts/create': z.strictObject(contactFields),
  'contacts/update': z.strictObject({ id, patch: z.strictObject(contactFields).partial() }),
  'contacts/archive': z.strictObject({ id }),
  'opportunities/create': z.strictObject({
    ...opportunityFields,
    /** The pipeline the deal runs through; the built-in one when absent. */
    pipelineId: pipelineId.optional(),
  }),
  'opportunities/update': z.strictObject({
    id,
    patch: z.strictObject(opportunityFields).partial(),
  }),
  'opportunities/move': z.strictObject({
    id,
    /** A stage key of the opportunity's pipeline. */
    to: stageKey,
    /** Required by the Lost gate; saved on the opportunity and in the stage event. */
    lostReason: optionalText(1000),
    /** The ids of the gate's checklist items the person ticked; recorded in the stage event. */
    checklist: z.array(z.string().trim().min(1).max(20)).max(100).optional(),
  }),
  'opportunities/archive': z.strictObject({ id }),
  /** Who this core writes as: cards say "me" for the person's own records. */
  'profile/current': z.strictObject({}),
  ...leadCommandSchemas,
  ...contractingCommandSchemas,
  ...activityCommandSchemas,
  ...collectionsCommandSchemas,
  ...mergeCommandSchemas,
  ...pipelineCommandSchemas,
  ...demoCommandSchemas,
} as const;

/**
 * Every command the UI may send, with its argument schema. Hosts (IPC bridge, in-page web host)
 * validate against these before any handler runs; forms validate against the same schemas, so a
 * field error reads the same in the dialog and at the boundary.
 */
export const commandSchemas = { ...coreCommandSchemas, ...syncCommandSchemas } as const;

export type CommandName = keyof typeof commandSchemas;
export type CoreCommandName = keyof typeof coreCommandSchemas;
export type CommandArgs<C extends CommandName> = z.input<(typeof commandSchemas)[C]>;
export type ParsedCommandArgs<C extends CommandName> = z.output<(typeof commandSchemas)[C]>;

export interface CommandResults
  extends
    DemoCommandResults,
    LeadCommandResults,
    ContractingCommandResults,
    SyncCommandResults,
    ActivityCommandResults,
    MergeCommandResults,
    CollectionsCommandResults,
    PipelineCommandResults {
  'accounts/create': Account;
  'accounts/update': Account;
  'accounts/archive': Account;
  'contacts/create': Contact;
  'contacts/update': Contact;
  'contacts/archive': Contact;
  'opportunities/create': Opportunity;
  'opportunities/update': Opportunity;
  'opportunities/move': Opportunity;
  'opportunities/archive': Opportunity;
  'profile/current': { id: string; name: string; role?: 'admin' | 'manager' | 'rep' };
}

export type CommandResult<C extends CommandName> = CommandResults[C];
