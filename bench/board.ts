/**
 * Board benchmark: 5,000 opportunities over 200 accounts in the core on RxDB's memory storage.
 * Measures the time to the first 'board/opportunities' result (cold: a freshly opened database
 * each run, as when a person opens the app) and the time from an 'opportunities/move' to the
 * board result that shows it. Baseline: a plain RxDB find().exec() of the same 5,000 documents,
 * also cold, in the same run.
 */
import type { MangoQuery } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { OpportunityBoard } from '../shared/api/queries';
import { openCrmCore, openLtcDatabase, type CrmCore, type LtcDatabase } from '../shared/core/index';
import type { Account, Contact, Opportunity } from '../shared/domain/entities';
import { newId } from '../shared/domain/ids';
import { OPPORTUNITY_PROBABILITY, OPPORTUNITY_STAGES } from '../shared/domain/phases';
import { repeat, type Benchmark, type Measurement } from './measure';

const OPPORTUNITIES = 5_000;
const ACCOUNTS = 200;
const COLD = { repetitions: 9, warmup: 2 };
const MOVES = { repetitions: 18, warmup: 3 };
const BASELINE = 'baseline: RxDB find().exec(), 5,000 opportunities';
const user = { id: 'bench', name: 'Bench' };
const storage = getRxStorageMemory();
const databaseName = `bench-board-${Date.now().toString(36)}`;

async function seed(database: LtcDatabase): Promise<void> {
  const base = {
    createdAt: 1,
    updatedAt: 1,
    ownerId: user.id,
    ownerName: user.name,
    archived: false,
  };
  const accounts: Account[] = Array.from({ length: ACCOUNTS }, (_, i) => ({
    ...base,
    id: newId(),
    name: `客户 ${i}`,
  }));
  const contacts: Contact[] = accounts.flatMap((account, i) => [
    { ...base, id: newId(), accountId: account.id, name: `联系人 ${i}-a` },
    { ...base, id: newId(), accountId: account.id, name: `联系人 ${i}-b` },
  ]);
  const currencies = ['CNY', 'CNY', 'CNY', 'CNY', 'USD', 'CNY', 'CNY', 'JPY'];
  const opportunities: Opportunity[] = Array.from({ length: OPPORTUNITIES }, (_, i) => {
    const stage = OPPORTUNITY_STAGES[i % OPPORTUNITY_STAGES.length]!;
    const contact = contacts[(i % ACCOUNTS) * 2]!;
    return {
      ...base,
      id: newId(),
      title: `商机 ${i}`,
      accountId: contact.accountId,
      contactId: contact.id,
      pipelineId: 'default',
      stage,
      stageOrder: OPPORTUNITY_STAGES.indexOf(stage),
      stageEnteredAt: 1_000 + i,
      probability: OPPORTUNITY_PROBABILITY[stage],
      amount: {
        minor: 1_000_00 + ((i * 7919) % 5_000_000_00),
        currency: currencies[i % currencies.length]!,
      },
      expectedClose: '2026-12-31',
      ...(stage === 'lost' ? { lostReason: '价格' } : {}),
    };
  });
  await database.accounts.bulkInsert(accounts);
  await database.contacts.bulkInsert(contacts);
  await database.opportunities.bulkInsert(opportunities);
}

const openCore = () => openCrmCore({ storage, databaseName, currentUser: user });

/** Subscribes to the board and resolves when a result satisfies `test`; returns the arrival time. */
function boardWatcher(core: CrmCore) {
  let latest: OpportunityBoard | undefined;
  let pending:
    { test: (b: OpportunityBoard) => boolean; resolve: (at: number) => void } | undefined;
  const unsubscribe = core.service.queries['board/opportunities'](
    {},
    (board) => {
      latest = board;
      if (pending?.test(board)) {
        pending.resolve(performance.now());
        pending = undefined;
      }
    },
    (error) => {
      throw error;
    },
  );
  const until = (test: (b: OpportunityBoard) => boolean) =>
    new Promise<number>((resolve) => {
      if (latest && test(latest)) resolve(performance.now());
      else pending = { test, resolve };
    });
  return { until, unsubscribe, latest: () => latest };
}

/** Times one find().exec() on a freshly opened database, so no query cache can answer it. */
async function coldFind(query: MangoQuery<Opportunity>): Promise<number> {
  const database = await openLtcDatabase({ storage, databaseName });
  const start = performance.now();
  const docs = await database.opportunities.find(query).exec();
  const elapsed = performance.now() - start;
  if (docs.length !== OPPORTUNITIES) throw new Error(`found ${docs.length}`);
  await database.close();
  return elapsed;
}

const inColumn = (board: OpportunityBoard, stage: string, id: string) =>
  board.columns.find((c) => c.stage === stage)?.cards.some((card) => card.id === id) ?? false;

async function run(): Promise<Measurement[]> {
  const seeding = await openLtcDatabase({ storage, databaseName });
  await seed(seeding);
  await seeding.close();

  const baseline = await repeat(BASELINE, COLD, () => coldFind({}));
  // Not asked for, but it splits the board's cost into "the query" and "building the board".
  const boardQuery = await repeat(
    "the board's own query alone (sorted, indexed)",
    { ...COLD, baseline: BASELINE },
    () =>
      coldFind({
        selector: { archived: false, pipelineId: 'default' },
        sort: [{ stageOrder: 'asc' }, { stageEnteredAt: 'asc' }],
        index: ['archived', 'pipelineId', 'stageOrder', 'stageEnteredAt'],
      }),
  );

  const firstBoard = await repeat(
    'first board/opportunities result (cold)',
    { ...COLD, baseline: BASELINE },
    async () => {
      const core = await openCore();
      const start = performance.now();
      const watcher = boardWatcher(core);
      const at = await watcher.until(
        (b) => b.columns.reduce((n, c) => n + c.count, 0) === OPPORTUNITIES,
      );
      watcher.unsubscribe();
      await core.close();
      return at - start;
    },
  );

  const core = await openCore();
  const watcher = boardWatcher(core);
  await watcher.until(() => true);
  const qualify = watcher.latest()!.columns[0]!.cards.map((c) => c.id);
  const move = await repeat(
    'opportunities/move → updated board result',
    { ...MOVES, baseline: BASELINE },
    async (i) => {
      const id = qualify[i]!;
      const start = performance.now();
      const shown = watcher.until((b) => inColumn(b, 'solution', id));
      await core.service.commands['opportunities/move']({ id, to: 'solution' });
      return (await shown) - start;
    },
  );
  watcher.unsubscribe();
  await core.close();
  return [baseline, boardQuery, firstBoard, move];
}

export const boardBenchmark: Benchmark = {
  name: `Opportunity board: ${OPPORTUNITIES.toLocaleString('en')} opportunities, ${ACCOUNTS} accounts, memory storage`,
  run,
};
