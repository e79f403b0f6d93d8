import { z } from 'zod';
import type { Account, Contact, Lead, Opportunity } from '../domain/entities';
import { SCORE_ANSWERS, type DuplicateField, type LeadGrade } from '../domain/leads';
import { LEAD_STAGES, type LeadStage } from '../domain/phases';
import { id, moneyArg, optionalEmail, optionalText, requiredText } from './fields';

/**
 * The leads part of the CrmApi contract (线索看板): capture, score, move, convert, and the
 * duplicate check the capture dialog runs while a person types. Merged into commandSchemas and
 * querySchemas with one spread each.
 */

const leadFields = {
  company: requiredText(200),
  contactName: optionalText(100),
  phone: optionalText(50),
  email: optionalEmail,
  source: optionalText(100),
};

const answer = z.enum(SCORE_ANSWERS);

export const leadCommandSchemas = {
  'leads/create': z.strictObject(leadFields),
  'leads/update': z.strictObject({ id, patch: z.strictObject(leadFields).partial() }),
  'leads/move': z.strictObject({
    id,
    to: z.enum(LEAD_STAGES),
    /** Required to enter Disqualified; saved on the lead and in the stage event. */
    disqualifiedReason: optionalText(1000),
  }),
  'leads/score': z.strictObject({
    id,
    scorecard: z.strictObject({
      budget: answer,
      authority: answer,
      need: answer,
      timeline: answer,
    }),
  }),
  /**
   * Qualified lead → account + contact (when the lead names one) + opportunity, in one step.
   * accountId links the lead to an existing account (a duplicate the person chose) instead of
   * creating one; the title defaults to the company's name.
   */
  'leads/convert': z.strictObject({
    id,
    opportunityTitle: optionalText(200),
    amount: moneyArg.optional(),
    accountId: id.optional(),
  }),
  /** Leads, accounts and contacts that look like this company / phone / email. */
  'leads/findDuplicates': z.strictObject({
    company: optionalText(200),
    phone: optionalText(50),
    email: optionalText(254),
    /** The lead being edited, which is no duplicate of itself. */
    excludeId: id.optional(),
  }),
} as const;

export interface LeadConversion {
  lead: Lead;
  account: Account;
  contact?: Contact;
  opportunity: Opportunity;
}

/** One existing record that looks like the one being entered, and on which fields. */
export type DuplicateRecord = { matchedOn: DuplicateField[] } & (
  | { kind: 'lead'; record: Lead }
  | { kind: 'account'; record: Account }
  | { kind: 'contact'; record: Contact; accountName: string }
);

export interface LeadCommandResults {
  'leads/create': Lead;
  'leads/update': Lead;
  'leads/move': Lead;
  'leads/score': Lead;
  'leads/convert': LeadConversion;
  'leads/findDuplicates': DuplicateRecord[];
}

/** A lead card: the lead plus its scorecard's result, computed by the core. */
export interface LeadCard extends Lead {
  score?: number;
  grade?: LeadGrade;
}

export interface LeadColumn {
  stage: LeadStage;
  count: number;
  cards: LeadCard[];
}

export interface LeadBoard {
  columns: LeadColumn[];
}

export const leadQuerySchemas = {
  'board/leads': z.strictObject({}),
} as const;

export interface LeadQueryResults {
  'board/leads': LeadBoard;
}
