import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyBoardDiff, diffBoard, type BoardCard, type BoardShape } from './board-diff';
import { receivingBoardDiffs, sendingBoardDiffs, type LiveMessage } from './live-messages';
import type { Envelope } from './errors';

/**
 * The diff on its own, on boards made at random: whatever happened between two boards (cards
 * created, edited, moved between columns, reordered, archived; counts, totals and board facts
 * changed), applying the diff to the first gives the second, and the first is left as it was.
 * The same through the sending and receiving ends, with a structured clone between them as IPC
 * does. The real core over the real bridge is in main/ipc-bridge-board-diffs.test.ts.
 */

interface Card extends BoardCard {
  title: string;
  amount?: { minor: number; currency: string };
}
interface Column {
  stage: string;
  count: number;
  total: { minor: number; currency: string }[];
  cards: Card[];
}
interface Board {
  today: string;
  columns: Column[];
}

const STAGES = ['qualify', 'proposal', 'won', 'lost'];

function boardOf(columns: Card[][], today = '2026-03-01'): Board {
  return {
    today,
    columns: columns.map((cards, i) => ({
      stage: STAGES[i]!,
      count: cards.length,
      total: [{ minor: cards.reduce((n, c) => n + (c.amount?.minor ?? 0), 0), currency: 'CNY' }],
      cards,
    })),
  };
}

/** One thing that can happen to a board between two results. */
type Edit =
  | { kind: 'create'; column: number; at: number; title: string; minor: number }
  | { kind: 'edit'; pick: number; title: string }
  | { kind: 'move'; pick: number; column: number; at: number }
  | { kind: 'archive'; pick: number }
  | { kind: 'swap'; column: number; a: number; b: number }
  | { kind: 'day'; today: string };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    kind: fc.constant('create' as const),
    column: fc.nat(STAGES.length - 1),
    at: fc.nat(),
    title: fc.string({ maxLength: 6 }),
    minor: fc.nat(1_000_000),
  }),
  fc.record({ kind: fc.constant('edit' as const), pick: fc.nat(), title: fc.string() }),
  fc.record({
    kind: fc.constant('move' as const),
    pick: fc.nat(),
    column: fc.nat(STAGES.length - 1),
    at: fc.nat(),
  }),
  fc.record({ kind: fc.constant('archive' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), column: fc.nat(3), a: fc.nat(), b: fc.nat() }),
  fc.record({
    kind: fc.constant('day' as const),
    today: fc.constantFrom('2026-03-01', '2026-03-02'),
  }),
);

let nextId = 0;

/** The board after `edits`, made like the core makes one: new arrays, unchanged cards reused. */
function applyEdits(board: Board, edits: Edit[]): Board {
  const columns = board.columns.map((c) => [...c.cards]);
  let today = board.today;
  const all = () => columns.flatMap((cards, column) => cards.map((card, at) => ({ column, at })));
  const picked = (pick: number) => {
    const cards = all();
    return cards.length ? cards[pick % cards.length] : undefined;
  };
  for (const e of edits) {
    if (e.kind === 'create') {
      const cards = columns[e.column]!;
      const card: Card = {
        id: `card-${nextId++}`,
        title: e.title,
        amount: { minor: e.minor, currency: 'CNY' },
      };
      cards.splice(e.at % (cards.length + 1), 0, card);
    } else if (e.kind === 'day') today = e.today;
    else if (e.kind === 'swap') {
      const cards = columns[e.column]!;
      if (cards.length < 2) continue;
      const a = e.a % cards.length;
      const b = e.b % cards.length;
      [cards[a], cards[b]] = [cards[b]!, cards[a]!];
    } else {
      const where = picked(e.pick);
      if (!where) continue;
      const cards = columns[where.column]!;
      const card = cards[where.at]!;
      if (e.kind === 'edit') cards[where.at] = { ...card, title: e.title };
      else {
        cards.splice(where.at, 1);
        if (e.kind === 'move') {
          const to = columns[e.column]!;
          to.splice(e.at % (to.length + 1), 0, card);
        }
      }
    }
  }
  return boardOf(columns, today);
}

const history = fc.tuple(
  fc.array(fc.array(edit, { maxLength: 30 }), { minLength: 1, maxLength: 8 }),
  fc.array(fc.array(edit, { maxLength: 4 }), { minLength: 1, maxLength: 12 }),
);

describe('board diffs', () => {
  it('rebuild the next board exactly from the previous one, which they leave unchanged', () => {
    fc.assert(
      fc.property(history, ([start, steps]) => {
        let board = start.reduce(applyEdits, boardOf([[], [], [], []]));
        for (const edits of steps) {
          const next = applyEdits(board, edits);
          const before = structuredClone(board);
          const diff = diffBoard(board, next);
          if (diff) expect(applyBoardDiff(board, diff)).toEqual(next);
          expect(board).toEqual(before);
          board = next;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('carry a single moved card in a message far smaller than the board', () => {
    const cards = Array.from({ length: 2_000 }, (_, i): Card => ({
      id: `card-${i}`,
      title: `商机 ${i}`,
      amount: { minor: i * 100, currency: 'CNY' },
    }));
    const board = boardOf([cards.slice(0, 1_000), cards.slice(1_000), [], []]);
    const moved = applyEdits(board, [{ kind: 'move', pick: 10, column: 2, at: 0 }]);
    const diff = diffBoard(board, moved)!;
    expect(diff.columns.map((c) => c.at)).toEqual([0, 2]);
    expect(diff.columns[0]).toMatchObject({ removed: ['card-10'] });
    expect(diff.columns[1]).toMatchObject({ inserted: [{ index: 0, card: { id: 'card-10' } }] });
    expect(JSON.stringify(diff).length * 100).toBeLessThan(JSON.stringify(moved).length);
  });

  it('send a board whole when its columns changed in number or most of its cards changed', () => {
    const board = boardOf([[{ id: 'a', title: 'A' }], [{ id: 'b', title: 'B' }], [], []]);
    expect(diffBoard(board, boardOf([[], [], []]))).toBeUndefined();
    const renamed = boardOf([[{ id: 'a', title: 'A2' }], [{ id: 'b', title: 'B2' }], [], []]);
    expect(diffBoard(board, renamed)).toBeUndefined();
    expect(
      diffBoard(board, boardOf([[{ id: 'a', title: 'A' }], [{ id: 'b', title: 'B' }], [], []])),
    ).toEqual({ columns: [] });
  });

  it('pass through IPC (structured clone) from the sending end to the receiving end', () => {
    fc.assert(
      fc.property(history, ([start, steps]) => {
        const received: Envelope<unknown>[] = [];
        const wire: LiveMessage[] = [];
        const receive = receivingBoardDiffs((m) => received.push(m));
        const send = sendingBoardDiffs((m) => {
          wire.push(m);
          receive(structuredClone(m));
          return true;
        });
        let board = start.reduce(applyEdits, boardOf([[], [], [], []]));
        const expected: BoardShape[] = [];
        for (const edits of [[], ...steps]) {
          board = applyEdits(board, edits);
          expected.push(board);
          send({ ok: true, value: board });
        }
        expect(received).toEqual(expected.map((value) => ({ ok: true, value })));
        expect('value' in wire[0]!).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('start again from a whole board after an error or a failed send', () => {
    const received: Envelope<unknown>[] = [];
    const receive = receivingBoardDiffs((m) => received.push(m));
    let deliver = true;
    const send = sendingBoardDiffs((m) => {
      if (!deliver) {
        receive({ ok: false, error: { type: 'InternalError', message: 'could not clone' } });
        return false;
      }
      receive(structuredClone(m));
      return true;
    });
    const one = boardOf([[{ id: 'a', title: 'A' }], [], [], []]);
    const two = applyEdits(one, [{ kind: 'edit', pick: 0, title: 'A2' }]);
    send({ ok: true, value: one });
    deliver = false;
    send({ ok: true, value: two });
    deliver = true;
    send({ ok: true, value: one });
    send({ ok: false, error: { type: 'InternalError', message: 'query failed' } });
    send({ ok: true, value: two });
    expect(received.map((m) => (m.ok ? m.value : m.error.message))).toEqual([
      one,
      'could not clone',
      one,
      'query failed',
      two,
    ]);
    // A diff with no board to apply it to is an error, never a wrong board.
    const orphan: Envelope<unknown>[] = [];
    receivingBoardDiffs((m) => orphan.push(m))({ ok: true, boardDiff: { columns: [] } });
    expect(orphan).toMatchObject([{ ok: false, error: { type: 'InternalError' } }]);
  });
});
