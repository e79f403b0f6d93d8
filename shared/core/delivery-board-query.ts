import { combineLatest, map } from 'rxjs';
import type { DeliveryBoard, DeliveryCard, DeliveryColumn } from '../api/contracting-contract';
import type { QueryHandlers } from '../api/crm-api';
import { milestoneProgress } from '../domain/delivery';
import type { Contract } from '../domain/entities';
import { DELIVERY_STAGES } from '../domain/phases';
import { plain, withoutMeta, type CoreContext } from './context';
import { namesById, totalsOf } from './contract-board-query';
import { subscribeLive } from './live';

/**
 * The delivery board (交付看板): one column per delivery stage, each card with its account, the
 * contract it delivers (number and value) and how many milestones are done. Column totals are the
 * values of the contracts being delivered, per currency.
 */
export function deliveryBoardQuery(ctx: CoreContext): Pick<QueryHandlers, 'board/deliveries'> {
  const { deliveries, contracts, accounts } = ctx.database;
  return {
    'board/deliveries': (_args, onResult, onError) => {
      const open$ = deliveries.find({
        selector: { archived: false },
        sort: [{ stage: 'asc' }, { stageEnteredAt: 'asc' }],
        index: ['archived', 'stage', 'stageEnteredAt'],
      }).$;
      const contracts$ = contracts
        .find()
        .$.pipe(map((docs) => new Map(docs.map((d) => [d.id, plain(d)] as [string, Contract]))));
      const names$ = accounts.find().$.pipe(map(namesById));
      const board$ = combineLatest([open$, contracts$, names$]).pipe(
        map(([docs, byId, names]): DeliveryBoard => {
          const columns = DELIVERY_STAGES.map((stage) => ({
            column: { stage, count: 0, total: [], cards: [] } as DeliveryColumn,
            sums: new Map<string, number>(),
          }));
          const byStage = new Map(columns.map((c) => [c.column.stage as string, c]));
          for (const doc of docs) {
            const card = withoutMeta(doc._data) as DeliveryCard;
            const contract = byId.get(card.contractId);
            const accountId = card.accountId ?? contract?.accountId;
            card.accountName = (accountId && names.get(accountId)) || '';
            card.contractTitle = contract?.title ?? '';
            if (contract?.number) card.contractNumber = contract.number;
            if (contract) card.contractAmount = contract.amount;
            const progress = milestoneProgress(card);
            card.milestonesDone = progress.done;
            card.milestonesTotal = progress.total;
            const target = byStage.get(card.stage);
            if (!target) continue;
            target.column.cards.push(card);
            target.column.count += 1;
            if (card.contractAmount) {
              const { currency, minor } = card.contractAmount;
              target.sums.set(currency, (target.sums.get(currency) ?? 0) + minor);
            }
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
