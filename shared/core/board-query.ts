import { combineLatest, map } from 'rxjs';
import type { RxDocument, RxDocumentData } from 'rxdb';
import type { QueryHandlers } from '../api/crm-api';
import type { OpportunityBoard, OpportunityCard, OpportunityColumn } from '../api/queries';
import type { Opportunity } from '../domain/entities';
import { addToTotals, money, percentOf } from '../domain/money';
import { pipelineStages, type Pipeline } from '../domain/pipelines';
import { withoutMeta, type CoreContext } from './context';
import { subscribeLive } from './live';
import { DEFAULT_PIPELINE_ID } from './opportunities';
import { pipeline$ } from './pipelines';

/** Running sums of one column in one currency, in minor units; folded into MoneyTotals at the end. */
interface CurrencySums {
  total: number;
  weighted: number;
}

/** Id → display name, for resolving a card's account and contact without a join per card. */
interface Names {
  accounts: Map<string, string>;
  contacts: Map<string, string>;
}

function namesById(docs: readonly { id: string; name: string }[]): Map<string, string> {
  return new Map(docs.map((doc) => [doc.id, doc.name]));
}

/** A built card, valid while its document revision (`data`) and the names are unchanged. */
interface CachedCard {
  data: object;
  card: OpportunityCard;
  /** Minor units of amount × probability. */
  weighted: number;
}

function toCard(data: RxDocumentData<Opportunity>, names: Names): OpportunityCard {
  const card = withoutMeta(data) as OpportunityCard;
  card.accountName = names.accounts.get(card.accountId) ?? '';
  const contactName = card.contactId && names.contacts.get(card.contactId);
  if (contactName) card.contactName = contactName;
  return card;
}

/**
 * The board is rebuilt on every change to an opportunity, account or contact, so it stays linear:
 * names come from maps, and a card is rebuilt only when its document or the names changed.
 * RxDB keeps one immutable data object per document revision, so an unchanged `_data` object
 * means an unchanged card. (A Map by id, not a WeakMap: ephemerons cost more in GC than they save.)
 * Successive results therefore share card objects: consumers treat results as read-only.
 */
function boardBuilder(pipelineId: string) {
  let cards = new Map<string, CachedCard>();
  let cardsFor: Names | undefined;

  return (docs: RxDocument<Opportunity>[], names: Names, pipeline: Pipeline): OpportunityBoard => {
    const previous = cardsFor === names ? cards : undefined;
    cards = new Map();
    cardsFor = names;
    const columns = new Map<string, OpportunityColumn & { sums: Map<string, CurrencySums> }>(
      // The pipeline's own stages and probabilities: its open stages, then Won and Lost.
      pipelineStages(pipeline).map(({ key, name, terminal, probability }) => [
        key,
        {
          stage: key,
          ...(name ? { name } : {}),
          terminal,
          probability,
          count: 0,
          total: [],
          weighted: [],
          cards: [],
          sums: new Map(),
        },
      ]),
    );
    // The query sorts by stage order, then stageEnteredAt: each column fills oldest-in-stage first.
    for (const doc of docs) {
      const data = doc._data;
      let entry = previous?.get(data.id);
      if (entry?.data !== data) {
        const card = toCard(data, names);
        // Each card's weighted amount is rounded on its own, as the card shows it.
        entry = {
          data,
          card,
          weighted: card.amount ? percentOf(card.amount, card.probability).minor : 0,
        };
      }
      cards.set(data.id, entry);
      const c = entry.card;
      const column = columns.get(c.stage);
      if (!column) continue;
      column.cards.push(c);
      column.count += 1;
      if (c.amount) {
        let sums = column.sums.get(c.amount.currency);
        if (!sums) column.sums.set(c.amount.currency, (sums = { total: 0, weighted: 0 }));
        sums.total += c.amount.minor;
        sums.weighted += entry.weighted;
      }
    }
    return {
      pipelineId,
      columns: [...columns.values()].map(({ sums, ...column }) => {
        for (const [currency, sum] of sums) {
          column.total = addToTotals(column.total, money(sum.total, currency));
          column.weighted = addToTotals(column.weighted, money(sum.weighted, currency));
        }
        return column;
      }),
    };
  };
}

export function boardQuery(ctx: CoreContext): Pick<QueryHandlers, 'board/opportunities'> {
  const { opportunities, accounts, contacts } = ctx.database;
  return {
    'board/opportunities': ({ pipelineId = DEFAULT_PIPELINE_ID }, onResult, onError) => {
      const open$ = opportunities.find({
        selector: { archived: false, pipelineId },
        sort: [{ stageOrder: 'asc' }, { stageEnteredAt: 'asc' }],
        index: ['archived', 'pipelineId', 'stageOrder', 'stageEnteredAt'],
      }).$;
      // Archived accounts and contacts still name the cards that point at them.
      const names$ = combineLatest([accounts.find().$, contacts.find().$]).pipe(
        map(([a, c]): Names => ({ accounts: namesById(a), contacts: namesById(c) })),
      );
      const build = boardBuilder(pipelineId);
      const board$ = combineLatest([open$, names$, pipeline$(ctx, pipelineId)]).pipe(
        map(([docs, names, pipeline]) => build(docs, names, pipeline)),
      );
      return subscribeLive(board$, onResult, onError);
    },
  };
}
