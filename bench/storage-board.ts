/**
 * The board query at scale on the SQLite storage: 100,000 opportunities (2,000 accounts, four
 * pipelines, random stages and dates; bench/opportunity-data.ts) inserted through RxDB, then the
 * board's query — open (non-archived) opportunities of one pipeline in board order — through
 * RxDB's find().exec(), against the same query in raw SQL with better-sqlite3 on the same file
 * (documents decoded with the storage's own codec).
 *
 * Board order is what shared/core/board-query.ts asks for: stageOrder, then stageEnteredAt (then
 * id). The issue says "stage order and expected close", but expectedClose is optional and not
 * indexed; the board sorts by time in stage, so that is what is measured.
 *
 * Cold, like a person opening the app: every repetition opens the database (RxDB's) or a
 * connection (raw SQL) first, untimed, so neither RxDB's query cache nor SQLite's page cache
 * answers from an earlier repetition; the OS file cache is warm for both.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  fillWithDefaultSettings,
  getIndexableStringMonad,
  type MangoQuery,
  type RxJsonSchema,
} from 'rxdb';
import { getRxStorageSqlite } from '../main/storage/sqlite';
import { DocumentCodec } from '../main/storage/sqlite/document-codec';
import { createTableLayout } from '../main/storage/sqlite/table-layout';
import { openLtcDatabase } from '../shared/core/index';
import type { Opportunity } from '../shared/domain/entities';
import { opportunitySchema } from '../shared/schema/collections';
import { versioned } from '../shared/schema/migrations';
import { repeat, type Benchmark, type Measurement } from './measure';
import { ltcDataSet, PIPELINES } from './opportunity-data';

const OPPORTUNITIES = Number(process.env.LTC_BENCH_BOARD_OPPORTUNITIES ?? 100_000);
const ACCOUNTS = 2_000;
const PIPELINE = PIPELINES[0].id;
const BOARD_INDEX = ['archived', 'pipelineId', 'stageOrder', 'stageEnteredAt'];
const COLD = { repetitions: 9, warmup: 2 };
const DATABASE = 'ltc-desk';

/** The board's query, exactly as shared/core/board-query.ts builds it. */
const boardQuery: MangoQuery<Opportunity> = {
  selector: { archived: false, pipelineId: PIPELINE },
  sort: [{ stageOrder: 'asc' }, { stageEnteredAt: 'asc' }],
  index: BOARD_INDEX,
};

/** The storage's table and the column holding RxDB's index string for the board index. */
function boardColumn() {
  // At the version the app opens it with: each schema version has its own table.
  const { opportunities } = versioned({ opportunities: opportunitySchema });
  const schema = fillWithDefaultSettings(opportunities as RxJsonSchema<Opportunity>);
  const layout = createTableLayout(schema as never, 'opportunities');
  const column = layout.columns.find((c) => c.fields.slice(1, 5).join() === BOARD_INDEX.join());
  if (!column) throw new Error('the storage has no column for the board index');
  // Index strings concatenate fixed-width fields: the board's rows share this prefix.
  const prefix = getIndexableStringMonad(schema, ['_deleted', 'archived', 'pipelineId'])({
    ...({} as Opportunity),
    _deleted: false,
    archived: false,
    pipelineId: PIPELINE,
  } as never);
  return { table: layout.table, tableName: layout.tableName, column: column.column, prefix };
}

/** A prefix's successor: every string starting with `prefix` sorts below it. */
function after(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/** Inserts the data set through RxDB; returns the time that took and the board's card count. */
async function seed(directory: string): Promise<{ insertMs: number; cards: number }> {
  const data = ltcDataSet(OPPORTUNITIES, ACCOUNTS);
  const database = await openLtcDatabase({
    storage: getRxStorageSqlite({ directory }),
    databaseName: DATABASE,
  });
  const start = performance.now();
  await database.accounts.bulkInsert(data.accounts);
  await database.contacts.bulkInsert(data.contacts);
  for (let i = 0; i < data.opportunities.length; i += 10_000) {
    const { error } = await database.opportunities.bulkInsert(
      data.opportunities.slice(i, i + 10_000),
    );
    if (error.length > 0) throw new Error(`insert failed: ${JSON.stringify(error[0])}`);
  }
  const insertMs = performance.now() - start;
  await database.close();
  const cards = data.opportunities.filter((o) => !o.archived && o.pipelineId === PIPELINE);
  return { insertMs, cards: cards.length };
}

async function run(): Promise<Measurement[]> {
  const directory = mkdtempSync(path.join(tmpdir(), 'ltc-bench-board-'));
  const file = path.join(directory, `${DATABASE}.sqlite`);
  try {
    const { insertMs, cards } = await seed(directory);
    const { table, tableName, column, prefix } = boardColumn();
    const expected: string[] = [];
    const baseline = `raw SQL on the board's index column, ${cards.toLocaleString('en')} decoded documents`;

    // The storage keeps documents as MessagePack (main/storage/sqlite/document-codec.ts), so raw
    // SQL decodes them with the same codec, reading them the fastest way it can: concatenated
    // by SQLite in index order and decoded as one sequence.
    const raw = await repeat(baseline, COLD, async () => {
      const db = new Database(file, { readonly: true });
      const start = performance.now();
      const codec = new DocumentCodec(db, tableName);
      const blob = db
        .prepare(
          `SELECT CAST(group_concat(doc, '') AS BLOB) FROM (SELECT doc FROM ${table} ` +
            `WHERE ${column} >= ? AND ${column} < ? ORDER BY ${column} LIMIT -1)`,
        )
        .pluck()
        .get(prefix, after(prefix)) as Buffer | null;
      const docs = codec.decodeConcatenated<Opportunity>(blob);
      const elapsed = performance.now() - start;
      db.close();
      if (docs.length !== cards) throw new Error(`raw SQL found ${docs.length} of ${cards} cards`);
      expected.splice(0, expected.length, ...docs.map((d) => d.id));
      return elapsed;
    });

    const rxdb = await repeat(
      'RxDB find().exec() on the SQLite storage',
      { ...COLD, baseline, targetRatio: 3 },
      async () => {
        const database = await openLtcDatabase({
          storage: getRxStorageSqlite({ directory }),
          databaseName: DATABASE,
        });
        const start = performance.now();
        const docs = await database.opportunities.find(boardQuery).exec();
        const elapsed = performance.now() - start;
        await database.close();
        // Same documents, same order: otherwise the comparison would mean nothing.
        if (docs.map((d) => d.id).join() !== expected.join()) {
          throw new Error('RxDB and raw SQL return different boards');
        }
        return elapsed;
      },
    );
    const insert: Measurement = {
      label: `insert ${OPPORTUNITIES.toLocaleString('en')} opportunities through RxDB (10k per bulkInsert)`,
      medianMs: insertMs,
      repetitions: 1,
    };
    return [raw, rxdb, insert];
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

export const storageBoardBenchmark: Benchmark = {
  name: `Board query on SQLite: ${OPPORTUNITIES.toLocaleString('en')} opportunities, ${ACCOUNTS.toLocaleString('en')} accounts, pipeline '${PIPELINE}', RxDB vs raw SQL (cold)`,
  run,
};
