/**
 * Board update size (issue 19, item 4: "board updates send what changed, not the whole board").
 * The sample firm at 1×, 10× and 50× (250, 2,500 and 12,500 leads), made by the demo simulation
 * and stored through the core's demo/import in batches, is opened in the core; the opportunity
 * board is subscribed to, and single cards are moved one stage on. Per move, the message main
 * would put on IPC:
 *  - before (the whole board, as every update was sent until now): `{ ok, value: board }`;
 *  - after: what `sendingBoardDiffs` sends, the bridge's own code: `{ ok, boardDiff }`.
 * Bytes are V8's structured-clone serialization (`v8.serialize`), the format Electron's IPC uses.
 * Time is main's cost of one update: serializing the whole board (before), or diffing and then
 * serializing the diff (after). The core runs on RxDB's memory storage here: message sizes do
 * not depend on the storage. LTC_BENCH_BOARD_SCALES=1,10 picks the scales (default 1,10,50).
 */
import { serialize } from 'node:v8';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { sendingBoardDiffs, type Envelope, type LiveMessage } from '../shared/api';
import type { OpportunityBoard } from '../shared/api/queries';
import { openCrmCore, type CrmCore } from '../shared/core/index';
import { SAMPLE_IMPORT_BATCH_MAX } from '../shared/api/demo-contract';
import { sampleBatches } from '../shared/demo/batches';
import { simulateFirmInMemory } from '../shared/demo/export';
import { newId } from '../shared/domain/ids';
import { median, type Benchmark, type Measurement } from './measure';

const MOVES = 9;
const NOW = Date.UTC(2026, 10, 20, 10, 0, 0);

async function sampleCore(leads: number): Promise<{ core: CrmCore; records: number }> {
  const firm = await simulateFirmInMemory({ language: 'zh-CN', now: NOW, leads });
  const core = await openCrmCore({
    storage: getRxStorageMemory(),
    databaseName: `bench-board-update-${newId()}`,
    currentUser: { id: 'bench-user', name: '基准' },
    now: () => NOW,
  });
  const loadId = newId();
  for (const [index, collections] of sampleBatches(firm, SAMPLE_IMPORT_BATCH_MAX).entries()) {
    await core.service.commands['demo/import']({ collections, batch: { loadId, index } });
  }
  const records = Object.values(firm.collections).reduce((n, docs) => n + docs.length, 0);
  return { core, records };
}

interface Update {
  wholeBytes: number;
  wholeMs: number;
  diffBytes: number;
  diffMs: number;
}

/** Moves `MOVES` cards one stage on and measures each update as sent before and after. */
async function measureMoves(core: CrmCore): Promise<{ cards: number; updates: Update[] }> {
  let latest: OpportunityBoard | undefined;
  let waiting: ((board: OpportunityBoard) => void) | undefined;
  let sent: LiveMessage | undefined;
  let diffMs = 0;
  const send = sendingBoardDiffs((message) => {
    sent = message;
    return true;
  });
  const stop = core.service.queries['board/opportunities'](
    {},
    (board) => {
      const start = performance.now();
      send({ ok: true, value: board });
      serialize(sent);
      diffMs = performance.now() - start;
      latest = board;
      waiting?.(board);
    },
    (error) => {
      throw error;
    },
  );
  const next = () => new Promise<OpportunityBoard>((resolve) => (waiting = resolve));
  if (!latest) await next();
  const cards = latest!.columns.reduce((n, c) => n + c.count, 0);
  const updates: Update[] = [];
  // Cards one stage short of the next open stage, the middle of each column first; a move a
  // gate refuses (an approval the sample deal lacks) is skipped.
  const open = latest!.columns.filter((c) => !c.terminal);
  const candidates = open.slice(0, -1).flatMap((column, i) =>
    column.cards.map((card, at) => ({
      id: card.id,
      to: open[i + 1]!.stage,
      rank: Math.abs(at - column.cards.length / 2),
    })),
  );
  candidates.sort((a, b) => a.rank - b.rank);
  for (const { id, to } of candidates) {
    if (updates.length === MOVES) break;
    const arrived = next();
    try {
      await core.service.commands['opportunities/move']({ id, to });
    } catch {
      continue; // a gate the sample deal does not meet: try another card
    }
    const board = await arrived;
    const whole: Envelope<unknown> = { ok: true, value: board };
    const start = performance.now();
    const wholeBytes = serialize(whole).length;
    const wholeMs = performance.now() - start;
    if (!sent || !('boardDiff' in sent)) throw new Error('the update was not sent as a diff');
    updates.push({ wholeBytes, wholeMs, diffBytes: serialize(sent).length, diffMs });
  }
  stop();
  if (updates.length < MOVES) throw new Error(`only ${updates.length} cards could be moved`);
  return { cards, updates };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function run(): Promise<Measurement[]> {
  const scales = (process.env.LTC_BENCH_BOARD_SCALES ?? '1,10,50').split(',').map(Number);
  const rows: Measurement[] = [];
  let base: { whole: number; diff: number } | undefined;
  for (const times of scales) {
    const { core, records } = await sampleCore(250 * times);
    try {
      const { cards, updates } = await measureMoves(core);
      const whole = median(updates.map((u) => u.wholeBytes));
      const diff = median(updates.map((u) => u.diffBytes));
      base ??= { whole, diff };
      const label = `board update ${times}× (${records.toLocaleString('en')} records, ${cards.toLocaleString('en')} cards)`;
      rows.push(
        {
          label: `${label}: whole board (before)`,
          medianMs: median(updates.map((u) => u.wholeMs)),
          repetitions: updates.length,
          note: `${kb(whole)}; ${(whole / base.whole).toFixed(2)}× the 1× size`,
        },
        {
          label: `${label}: diff (after)`,
          medianMs: median(updates.map((u) => u.diffMs)),
          repetitions: updates.length,
          baseline: `${label}: whole board (before)`,
          note: `${kb(diff)}; ${(diff / base.diff).toFixed(2)}× the 1× size; ${(whole / diff).toFixed(0)}× smaller than whole`,
        },
      );
    } finally {
      await core.close();
    }
  }
  return rows;
}

export const boardUpdateSizeBenchmark: Benchmark = {
  name: 'board update size: one card moved, whole board against diff (issue 19)',
  run,
};
