import { combineLatest, map } from 'rxjs';
import type { RxDocumentData } from 'rxdb';
import type { QueryHandlers } from '../api/crm-api';
import type { InvoiceBoard, InvoiceCard, InvoiceColumn } from '../api/collections-contract';
import { ageReceivables } from '../domain/ageing';
import { amountDue, daysOverdue } from '../domain/collections';
import type { Invoice } from '../domain/entities';
import { addToTotals } from '../domain/money';
import { INVOICE_STAGES } from '../domain/phases';
import { withoutMeta, type CoreContext } from './context';
import { subscribeLive } from './live';

type CollectionsQueries = Pick<
  QueryHandlers,
  'board/invoices' | 'collections/ageing' | 'payments/forInvoice'
>;

/** What a card shows of its contract. */
interface ContractName {
  title: string;
  number?: string;
}

interface Names {
  accounts: Map<string, string>;
  contracts: Map<string, ContractName>;
}

function toCard(data: RxDocumentData<Invoice>, names: Names, today: string): InvoiceCard {
  const invoice = withoutMeta(data);
  const contract = names.contracts.get(invoice.contractId);
  const days = daysOverdue(invoice, today);
  const card: InvoiceCard = {
    ...invoice,
    accountName: names.accounts.get(invoice.accountId) ?? '',
    contractTitle: contract?.title ?? '',
    outstanding: amountDue(invoice),
    overdue: days > 0,
    daysOverdue: days,
  };
  if (contract?.number) card.contractNumber = contract.number;
  return card;
}

/**
 * The collections board: a column per invoice stage, each with its count, invoiced total and
 * outstanding total per currency. Cards are ordered by due date (the most urgent on top), then
 * number. As on the other boards, a card is rebuilt only when its document revision or the names
 * changed (RxDB keeps one immutable data object per revision).
 */
function boardBuilder(today: string) {
  let cards = new Map<string, { data: object; card: InvoiceCard }>();
  let cardsFor: Names | undefined;
  return (docs: { _data: RxDocumentData<Invoice> }[], names: Names): InvoiceBoard => {
    const previous = cardsFor === names ? cards : undefined;
    cards = new Map();
    cardsFor = names;
    const columns = new Map<string, InvoiceColumn>(
      INVOICE_STAGES.map((stage) => [
        stage,
        { stage, count: 0, total: [], outstanding: [], cards: [] },
      ]),
    );
    for (const doc of docs) {
      const data = doc._data;
      let entry = previous?.get(data.id);
      if (entry?.data !== data) entry = { data, card: toCard(data, names, today) };
      cards.set(data.id, entry);
      const column = columns.get(entry.card.stage);
      if (!column) continue;
      column.cards.push(entry.card);
      column.count += 1;
      column.total = addToTotals(column.total, entry.card.amount);
      if (entry.card.outstanding.minor > 0) {
        column.outstanding = addToTotals(column.outstanding, entry.card.outstanding);
      }
    }
    for (const column of columns.values()) {
      column.cards.sort(
        (a, b) => a.dueOn.localeCompare(b.dueOn) || a.number.localeCompare(b.number),
      );
    }
    return { today, columns: [...columns.values()] };
  };
}

export function collectionsQueries(ctx: CoreContext): CollectionsQueries {
  const { invoices, accounts, contracts, payments } = ctx.database;
  return {
    'board/invoices': ({ today }, onResult, onError) => {
      const open$ = invoices.find({ selector: { archived: false } }).$;
      // Archived accounts and contracts still name the invoices that point at them.
      const names$ = combineLatest([accounts.find().$, contracts.find().$]).pipe(
        map(([a, c]): Names => ({
          accounts: new Map(a.map((doc) => [doc.id, doc.name])),
          contracts: new Map(
            c.map((doc) => [
              doc.id,
              doc.number ? { title: doc.title, number: doc.number } : { title: doc.title },
            ]),
          ),
        })),
      );
      const build = boardBuilder(today);
      const board$ = combineLatest([open$, names$]).pipe(
        map(([docs, names]) => build(docs, names)),
      );
      return subscribeLive(board$, onResult, onError);
    },

    'collections/ageing': ({ today }, onResult, onError) => {
      const report$ = invoices
        .find({ selector: { archived: false, stage: { $in: ['invoiced', 'partiallyPaid'] } } })
        .$.pipe(
          map((docs) =>
            ageReceivables(
              docs.map((doc) => doc._data),
              today,
            ),
          ),
        );
      return subscribeLive(report$, onResult, onError);
    },

    'payments/forInvoice': ({ invoiceId }, onResult, onError) => {
      const list$ = payments
        .find({ selector: { invoiceId, archived: false } })
        .$.pipe(
          map((docs) =>
            docs
              .map((doc) => withoutMeta(doc._data))
              .sort(
                (a, b) => a.receivedOn.localeCompare(b.receivedOn) || a.createdAt - b.createdAt,
              ),
          ),
        );
      return subscribeLive(list$, onResult, onError);
    },
  };
}
