import { map } from 'rxjs';
import type { RxDocumentData } from 'rxdb';
import type { QueryHandlers } from '../api/crm-api';
import type { LeadBoard, LeadCard, LeadColumn } from '../api/lead-contract';
import type { Lead } from '../domain/entities';
import { leadGrade, leadScore } from '../domain/leads';
import { LEAD_STAGES } from '../domain/phases';
import { withoutMeta, type CoreContext } from './context';
import { subscribeLive } from './live';

function toCard(data: RxDocumentData<Lead>): LeadCard {
  const card: LeadCard = withoutMeta(data);
  if (card.scorecard) {
    card.score = leadScore(card.scorecard);
    card.grade = leadGrade(card.scorecard);
  }
  return card;
}

/**
 * The leads board: one column per lead stage, oldest-in-stage first. Like the opportunity board,
 * a card is rebuilt only when its document revision changed (RxDB keeps one immutable data object
 * per revision), so a change to one lead does not rebuild thousands of cards.
 */
export function leadBoardQuery(ctx: CoreContext): Pick<QueryHandlers, 'board/leads'> {
  return {
    'board/leads': (_args, onResult, onError) => {
      let cache = new Map<string, { data: object; card: LeadCard }>();
      const board$ = ctx.database.leads
        .find({
          selector: { archived: false },
          sort: [{ stage: 'asc' }, { stageEnteredAt: 'asc' }],
          index: ['archived', 'stage', 'stageEnteredAt'],
        })
        .$.pipe(
          map((docs): LeadBoard => {
            const previous = cache;
            cache = new Map();
            const columns = new Map<string, LeadColumn>(
              LEAD_STAGES.map((stage) => [stage, { stage, count: 0, cards: [] }]),
            );
            for (const doc of docs) {
              const data = doc._data;
              let entry = previous.get(data.id);
              if (entry?.data !== data) entry = { data, card: toCard(data) };
              cache.set(data.id, entry);
              const column = columns.get(entry.card.stage);
              if (!column) continue;
              column.cards.push(entry.card);
              column.count += 1;
            }
            return { columns: [...columns.values()] };
          }),
        );
      return subscribeLive(board$, onResult, onError);
    },
  };
}
