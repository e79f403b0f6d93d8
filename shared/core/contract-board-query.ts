import { combineLatest, map } from 'rxjs';
import type { RxDocumentData } from 'rxdb';
import type { ContractBoard, ContractCard, ContractColumn } from '../api/contracting-contract';
import type { QueryHandlers } from '../api/crm-api';
import type { Contract } from '../domain/entities';
import { addToTotals, money } from '../domain/money';
import { CONTRACT_STAGES } from '../domain/phases';
import { withoutMeta, type CoreContext } from './context';
import { subscribeLive } from './live';

export function namesById(docs: readonly { id: string; name: string }[]): Map<string, string> {
  return new Map(docs.map((doc) => [doc.id, doc.name]));
}

/** Sums minor units per currency, then folds them into sorted MoneyTotals. */
export function totalsOf(sums: ReadonlyMap<string, number>) {
  let totals: ContractColumn['total'] = [];
  for (const [currency, minor] of sums) totals = addToTotals(totals, money(minor, currency));
  return totals;
}

function toCard(data: RxDocumentData<Contract>, accounts: Map<string, string>): ContractCard {
  const card = withoutMeta(data) as ContractCard;
  card.accountName = accounts.get(card.accountId) ?? '';
  return card;
}

/**
 * The contracts board (合同看板): one column per contract stage, oldest-in-stage first, each with
 * its count and contract values per currency. As on the opportunity board, a card is rebuilt only
 * when its document revision or the account names changed.
 */
export function contractBoardQuery(ctx: CoreContext): Pick<QueryHandlers, 'board/contracts'> {
  const { contracts, accounts } = ctx.database;
  return {
    'board/contracts': (_args, onResult, onError) => {
      let cache = new Map<string, { data: object; card: ContractCard }>();
      let cacheNames: Map<string, string> | undefined;
      const open$ = contracts.find({
        selector: { archived: false },
        sort: [{ stage: 'asc' }, { stageEnteredAt: 'asc' }],
        index: ['archived', 'stage', 'stageEnteredAt'],
      }).$;
      // Archived accounts still name the cards that point at them.
      const names$ = accounts.find().$.pipe(map(namesById));
      const board$ = combineLatest([open$, names$]).pipe(
        map(([docs, names]): ContractBoard => {
          const previous = cacheNames === names ? cache : new Map();
          cache = new Map();
          cacheNames = names;
          const columns = CONTRACT_STAGES.map((stage) => ({
            column: { stage, count: 0, total: [], cards: [] } as ContractColumn,
            sums: new Map<string, number>(),
          }));
          const byStage = new Map(columns.map((c) => [c.column.stage as string, c]));
          for (const doc of docs) {
            const data = doc._data;
            let entry = previous.get(data.id);
            if (entry?.data !== data) entry = { data, card: toCard(data, names) };
            cache.set(data.id, entry);
            const target = byStage.get(entry.card.stage);
            if (!target) continue;
            target.column.cards.push(entry.card);
            target.column.count += 1;
            const { currency, minor } = entry.card.amount;
            target.sums.set(currency, (target.sums.get(currency) ?? 0) + minor);
          }
          return {
            columns: columns.map(({ column, sums }) => ({ ...column, total: totalsOf(sums) })),
          };
        }),
      );
      return subscribeLive(board$, onResult, onError);
    },
  };
}
