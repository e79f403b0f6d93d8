import type { TFunction } from 'i18next';
import type { InvoiceCard } from '../../shared/api';
import { isStageOf } from '../../shared/domain';

/** An invoice stage's name in the UI language (回款看板 columns). */
export function invoiceStageName(t: TFunction, stage: string): string {
  return isStageOf('invoice', stage) ? t(`collections.stages.${stage}`) : stage;
}

/**
 * How a person tells invoices apart: the customer, then the invoice number once issued, else the
 * payment milestone it bills, else its contract.
 */
export function invoiceName(card: InvoiceCard): string {
  const what = card.number || card.milestone || card.contractTitle;
  return what ? `${card.accountName} · ${what}` : card.accountName;
}
