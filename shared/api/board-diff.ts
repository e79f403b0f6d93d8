import { sameValue } from '../domain/same-value';

/*
 * Board results as changes (issue 19: "board updates send what changed, not the whole board").
 *
 * All five boards share one shape: a few board facts (the pipeline, today's date), then columns,
 * each with its facts (stage, count, money totals) and its cards in order, every card with an
 * id. A live board query answers with the whole board on every change; across a process boundary
 * (Electron's IPC) that is a structured clone of thousands of cards for one moved card. So the
 * sending side keeps the last board it sent and sends the next one as a BoardDiff; the receiving
 * side keeps the board it rebuilt and applies the diff. The first result, and any result whose
 * columns differ in number from the last, goes whole.
 *
 * This works on the shape alone, never on a board's field names, so a board that gains a column
 * fact or a card field needs nothing here.
 */

/** A card: anything with a string id. */
export interface BoardCard {
  id: string;
}

/** A column: its facts (any fields) and its cards in display order. */
export interface BoardColumnShape {
  cards: BoardCard[];
}

/** A board: its facts (any fields) and its columns. */
export interface BoardShape {
  columns: BoardColumnShape[];
}

export interface ColumnDiff {
  /** The column's position on the board. */
  at: number;
  /** All of the column's facts (everything but `cards`), when any of them changed. */
  facts?: Record<string, unknown>;
  /** Cards that left the column, or changed (a changed card is removed, then inserted). */
  removed?: string[];
  /** Cards that joined the column or changed, with their index in the new column, ascending. */
  inserted?: { index: number; card: BoardCard }[];
  /** The whole card list instead, when the cards that stayed changed their order. */
  cards?: BoardCard[];
}

export interface BoardDiff {
  /** All of the board's facts (everything but `columns`), when any of them changed. */
  facts?: Record<string, unknown>;
  /** Only the columns that changed. */
  columns: ColumnDiff[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether a query result has the board shape (checked once per result, column by column). */
export function isBoardShape(value: unknown): value is BoardShape {
  return (
    isObject(value) &&
    Array.isArray(value.columns) &&
    value.columns.every(
      (column) =>
        isObject(column) &&
        Array.isArray(column.cards) &&
        column.cards.every((card) => isObject(card) && typeof card.id === 'string'),
    )
  );
}

/** An object's fields but one: a board's facts without its columns, a column's without cards. */
function factsOf(value: object, without: string): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) if (key !== without) facts[key] = field;
  return facts;
}

/**
 * A card is unchanged when it is the same object (the core reuses a card while its document
 * revision is unchanged) or has the same content (the names it shows were rebuilt, say).
 */
const sameCard = (a: BoardCard | undefined, b: BoardCard) =>
  a !== undefined && (a === b || sameValue(a, b));

/** The changes from one column to the next, or undefined when it did not change at all. */
function diffColumn(
  before: BoardColumnShape,
  after: BoardColumnShape,
  at: number,
): { diff: ColumnDiff; changedCards: number } | undefined {
  const diff: ColumnDiff = { at };
  const facts = factsOf(after, 'cards');
  if (!sameValue(factsOf(before, 'cards'), facts)) diff.facts = facts;

  const previous = new Map(before.cards.map((card) => [card.id, card]));
  const stayed = new Set<string>();
  /** The ids of the cards that stayed, in their new order. */
  const stayedAfter: string[] = [];
  const inserted: { index: number; card: BoardCard }[] = [];
  after.cards.forEach((card, index) => {
    if (!stayed.has(card.id) && sameCard(previous.get(card.id), card)) {
      stayed.add(card.id);
      stayedAfter.push(card.id);
    } else inserted.push({ index, card });
  });
  const removed = before.cards.filter((card) => !stayed.has(card.id)).map((card) => card.id);
  // Applying removals then insertions rebuilds the column only if the cards that stayed keep
  // their order (the boards sort by stable keys, so they do unless a sort key changed).
  // (A column that held one id twice is sent whole too.)
  const stayedBefore = before.cards.filter((card) => stayed.has(card.id));
  const inOrder =
    previous.size === before.cards.length &&
    stayedBefore.length === stayedAfter.length &&
    stayedBefore.every((card, i) => card.id === stayedAfter[i]);

  if (!inOrder) diff.cards = after.cards;
  else {
    if (removed.length > 0) diff.removed = removed;
    if (inserted.length > 0) diff.inserted = inserted;
  }
  if (!diff.facts && !diff.removed && !diff.inserted && !diff.cards) return undefined;
  return { diff, changedCards: diff.cards ? diff.cards.length : inserted.length };
}

const cardCount = (board: BoardShape) =>
  board.columns.reduce((n, column) => n + column.cards.length, 0);

/**
 * The changes from `before` to `after`, or undefined when `after` should be sent whole: the
 * columns are not the same in number, or more than half of the cards changed (a diff would be
 * no smaller).
 */
export function diffBoard(before: BoardShape, after: BoardShape): BoardDiff | undefined {
  if (before.columns.length !== after.columns.length) return undefined;
  const diff: BoardDiff = { columns: [] };
  const facts = factsOf(after, 'columns');
  if (!sameValue(factsOf(before, 'columns'), facts)) diff.facts = facts;
  let changedCards = 0;
  after.columns.forEach((column, at) => {
    const changed = diffColumn(before.columns[at]!, column, at);
    if (!changed) return;
    diff.columns.push(changed.diff);
    changedCards += changed.changedCards;
  });
  return changedCards * 2 > Math.max(cardCount(after), 1) ? undefined : diff;
}

function applyColumn(before: BoardColumnShape, diff: ColumnDiff): BoardColumnShape {
  const facts = diff.facts ?? factsOf(before, 'cards');
  if (diff.cards) return { ...facts, cards: diff.cards };
  const removed = new Set(diff.removed);
  const stayed = removed.size > 0 ? before.cards.filter((c) => !removed.has(c.id)) : before.cards;
  const inserted = diff.inserted ?? [];
  // Merge by index: each inserted card takes its place, the cards that stayed fill the rest.
  const cards: BoardCard[] = [];
  let next = 0;
  for (const card of stayed) {
    while (next < inserted.length && inserted[next]!.index === cards.length) {
      cards.push(inserted[next++]!.card);
    }
    cards.push(card);
  }
  while (next < inserted.length) cards.push(inserted[next++]!.card);
  return { ...facts, cards };
}

/**
 * The board `diff` was made from `before` into. `before` is not changed: columns and cards that
 * did not change are shared with it, so a consumer can tell them apart by identity.
 */
export function applyBoardDiff(before: BoardShape, diff: BoardDiff): BoardShape {
  const columns = [...before.columns];
  for (const change of diff.columns) columns[change.at] = applyColumn(columns[change.at]!, change);
  return { ...(diff.facts ?? factsOf(before, 'columns')), columns };
}
