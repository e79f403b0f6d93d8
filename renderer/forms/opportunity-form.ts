import type { FieldIssue, OpportunityCard } from '../../shared/api';
import {
  DEFAULT_CURRENCY,
  minorDigits,
  moneyToInput,
  parseMoneyInput,
  type Money,
} from '../../shared/domain';
import type { Language } from '../../shared/i18n';
import type { Named } from './RecordPicker';
import { topField, validateCommand } from './use-command-form';

/** What the opportunity dialog edits: pickers hold the chosen record, the amount what was typed. */
export interface OpportunityValues {
  title: string;
  accountId: Named | null;
  contactId: Named | null;
  amount: string;
  currency: string;
  expectedClose: string;
  description: string;
  /** 经理备注: shown, and sent, only to people who may see it (shared/rules/catalog.ts). */
  managerNote: string;
}

export const OPPORTUNITY_FIELDS = [
  'title',
  'accountId',
  'contactId',
  'amount',
  'currency',
  'expectedClose',
  'description',
  'managerNote',
] as const;
export type OpportunityField = (typeof OPPORTUNITY_FIELDS)[number];

export const isOpportunityField = (field: string): field is OpportunityField =>
  (OPPORTUNITY_FIELDS as readonly string[]).includes(field);

/** Currencies a small Chinese firm quotes in; CNY first. */
export const CURRENCIES = ['CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP', 'SGD'] as const;

/** "12345.6" → "12,345.60": the amount as the person will read it back, still parseable. */
export function formatAmountInput(amount: Money, language: Language): string {
  const digits = minorDigits(amount.currency);
  return new Intl.NumberFormat(language, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(moneyToInput(amount) as unknown as number); // Intl formats decimal strings exactly
}

export function initialOpportunityValues(
  card: OpportunityCard | undefined,
  language: Language,
): OpportunityValues {
  if (!card) {
    return {
      title: '',
      accountId: null,
      contactId: null,
      amount: '',
      currency: DEFAULT_CURRENCY,
      expectedClose: '',
      description: '',
      managerNote: '',
    };
  }
  return {
    title: card.title,
    accountId: { id: card.accountId, name: card.accountName },
    contactId: card.contactId ? { id: card.contactId, name: card.contactName ?? '' } : null,
    amount: card.amount ? formatAmountInput(card.amount, language) : '',
    currency: card.amount?.currency ?? DEFAULT_CURRENCY,
    expectedClose: card.expectedClose ?? '',
    description: card.description ?? '',
    managerNote: card.managerNote ?? '',
  };
}

/**
 * The command fields for the form's values. An emptied optional field is sent as null, which
 * clears it on update; an amount that is not money is reported here, as the schema sees only
 * numbers.
 */
export function toOpportunityFields(
  values: OpportunityValues,
  { managerNote = false }: { managerNote?: boolean } = {},
) {
  const issues: FieldIssue[] = [];
  let amount: Money | null = null;
  if (values.amount.trim() !== '') {
    amount = parseMoneyInput(values.amount, values.currency);
    if (!amount) issues.push({ field: 'amount', code: 'invalid' });
  }
  const fields = {
    title: values.title,
    accountId: values.accountId?.id,
    contactId: values.contactId?.id ?? null,
    amount,
    expectedClose: values.expectedClose || null,
    description: values.description,
    ...(managerNote ? { managerNote: values.managerNote } : {}),
  };
  return { fields, issues };
}

export function validateOpportunity(values: OpportunityValues): FieldIssue[] {
  const { fields, issues } = toOpportunityFields(values);
  const reported = new Set(issues.map(topField));
  return [
    ...issues,
    ...validateCommand('opportunities/create', fields).filter((i) => !reported.has(topField(i))),
  ];
}
