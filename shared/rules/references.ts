import { checkPayment, sumPayments } from '../domain/collections';
import type { Invoice, Payment } from '../domain/entities';
import { referencesOf, type Doc } from './catalog';
import type { RuleFacts } from './facts';
import { ALLOWED, combine, refuse, type Verdict } from './verdict';

/*
 * References and money. A record may only name records of its firm that exist: a contact its
 * account, a deal its account and contact, a contract its deal, an invoice its contract, a payment
 * its invoice. A record others name is never deleted outright (archiving keeps it). A payment
 * needs an issued invoice in its currency and may not exceed what is still due on it.
 */

export function checkReferences(
  collection: string,
  before: Doc | undefined,
  after: Doc,
  deleted: boolean,
  facts: RuleFacts,
): Verdict {
  const id = String(after.id);
  if (deleted) {
    return facts.isReferenced(collection, id) ? refuse('referenced', undefined, { id }) : ALLOWED;
  }
  const known = new Set(
    before ? referencesOf(collection, before).map((ref) => `${ref.field}|${ref.id}`) : [],
  );
  const verdicts: Verdict[] = [];
  for (const ref of referencesOf(collection, after)) {
    // Only what this write names anew: an old reference is not the writer's doing.
    if (!ref.mustExist || known.has(`${ref.field}|${ref.id}`)) continue;
    if (!facts.record(ref.collection, ref.id)) verdicts.push(refuse('referenceMissing', ref.field));
  }
  if (collection === 'payments' && !before) verdicts.push(checkNewPayment(after, facts));
  verdicts.push(checkContactOfAccount(collection, before, after, facts));
  return combine(verdicts);
}

/** A deal's or contract's contact is someone at its own account. */
function checkContactOfAccount(
  collection: string,
  before: Doc | undefined,
  after: Doc,
  facts: RuleFacts,
): Verdict {
  if (collection !== 'opportunities' && collection !== 'contracts') return ALLOWED;
  if (typeof after.contactId !== 'string') return ALLOWED;
  if (before && before.contactId === after.contactId && before.accountId === after.accountId) {
    return ALLOWED;
  }
  const contact = facts.record('contacts', after.contactId);
  const account = facts.record('accounts', String(after.accountId));
  // A missing contact or account is referenceMissing's to say.
  return !contact || !account || contact.accountId === after.accountId
    ? ALLOWED
    : refuse('referenceMissing', 'contactId');
}

/** Payments counted before this one: every accepted payment, and the earlier ones of the same push. */
function paidBefore(payment: Doc, facts: RuleFacts): Payment[] {
  const id = String(payment.id);
  const order = (doc: Doc) => [Number(doc.createdAt), String(doc.id)] as const;
  const [at, key] = order(payment);
  return (facts.referencing('payments', 'invoiceId', String(payment.invoiceId)) as Doc[])
    .filter((other) => {
      if (other.id === id) return false;
      if (!facts.isPending('payments', String(other.id))) return true;
      const [otherAt, otherKey] = order(other);
      return otherAt < at || (otherAt === at && otherKey < key);
    })
    .map((other) => other as unknown as Payment);
}

function checkNewPayment(payment: Doc, facts: RuleFacts): Verdict {
  const invoice = facts.record('invoices', String(payment.invoiceId)) as Invoice | undefined;
  if (!invoice) return ALLOWED; // referenceMissing says it
  const amount = (payment as unknown as Payment).amount;
  const paid = sumPayments(invoice.amount.currency, paidBefore(payment, facts));
  const verdict = checkPayment(invoice, paid, amount);
  if (verdict.allowed) return ALLOWED;
  const refusal = verdict.refusal;
  switch (refusal.reason) {
    case 'notIssued':
      return refuse('paymentNotIssued', 'invoiceId', { stage: refusal.stage });
    case 'notPositive':
      return refuse('overDue', 'amount', { due: 0, currency: amount.currency });
    case 'currency':
      return refuse('paymentCurrency', 'amount.currency', { currency: refusal.currency });
    case 'overDue':
      return refuse('overDue', 'amount', {
        due: refusal.due.minor,
        currency: refusal.due.currency,
      });
  }
}
