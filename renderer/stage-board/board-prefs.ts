import { useCallback, useState } from 'react';
import { NO_FILTER, type BoardFilter } from './board-filter';

/** A card this long in one open stage is flagged: the LTC method's "aging card", a likely bottleneck. */
export const AGING_DAYS = 30;

/**
 * Where a board's tools keep their settings:
 * - Filters live in sessionStorage: they last while the app is open (switching boards and back,
 *   reloading the window) and a fresh start shows the whole board again, so nobody wonders next
 *   morning why half their cards are missing.
 * - WIP limits and the aging threshold live in localStorage, per board (and stage): they are how
 *   this person works the board on this device. They are not records: syncing them would need a
 *   schema and permissions for what is a view preference (a team-wide limit would belong in the
 *   pipeline settings), and nothing else depends on them.
 * Storage can be missing or full (private windows, quotas): the tools then work for the session only.
 */

const filterKey = (boardId: string) => `ltc.board.${boardId}.filter`;
const wipKey = (boardId: string) => `ltc.board.${boardId}.wip`;
const agingKey = (boardId: string) => `ltc.board.${boardId}.agingDays`;

function read(storage: () => Storage, key: string): unknown {
  try {
    const text = storage().getItem(key);
    return text === null ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

function write(storage: () => Storage, key: string, value: unknown): void {
  try {
    if (value === undefined) storage().removeItem(key);
    else storage().setItem(key, JSON.stringify(value));
  } catch {
    // Not stored: the setting still applies until the board is closed.
  }
}

const session = () => window.sessionStorage;
const local = () => window.localStorage;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isDay = (v: unknown) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
const isMinor = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;

/** A stored filter, trusted only as far as it checks out (another version may have written it). */
export function parseFilter(value: unknown): BoardFilter {
  if (!isObject(value) || !isObject(value.owner)) return NO_FILTER;
  const o = value.owner;
  const owner: BoardFilter['owner'] =
    o.kind === 'me'
      ? { kind: 'me' }
      : o.kind === 'owner' && typeof o.ownerId === 'string' && typeof o.ownerName === 'string'
        ? { kind: 'owner', ownerId: o.ownerId, ownerName: o.ownerName }
        : { kind: 'anyone' };
  const filter: BoardFilter = { owner };
  const a = value.account;
  if (isObject(a) && typeof a.id === 'string' && typeof a.name === 'string') {
    filter.account = { id: a.id, name: a.name };
  }
  if (isMinor(value.amountMin)) filter.amountMin = value.amountMin as number;
  if (isMinor(value.amountMax)) filter.amountMax = value.amountMax as number;
  if (typeof value.currency === 'string') filter.currency = value.currency;
  if (typeof value.dateField === 'string') filter.dateField = value.dateField;
  if (isDay(value.dateFrom)) filter.dateFrom = value.dateFrom as string;
  if (isDay(value.dateTo)) filter.dateTo = value.dateTo as string;
  return filter;
}

function parseWip(value: unknown): Record<string, number> {
  if (!isObject(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter(([, n]) => Number.isSafeInteger(n) && (n as number) > 0),
  ) as Record<string, number>;
}

export const AGING_CHOICES = [7, 14, 21, 30, 45, 60, 90] as const;

export interface BoardTools {
  filter: BoardFilter;
  setFilter(filter: BoardFilter): void;
  /** WIP limit per stage id; a stage without one has no limit. */
  wip: Readonly<Record<string, number>>;
  setWipLimit(stage: string, limit: number | undefined): void;
  /** Cards longer than this many days in an open stage are highlighted. */
  agingDays: number;
  setAgingDays(days: number): void;
}

interface Stored {
  boardId: string;
  filter: BoardFilter;
  wip: Record<string, number>;
  agingDays: number;
}

function load(boardId: string): Stored {
  const aging = read(local, agingKey(boardId));
  return {
    boardId,
    filter: parseFilter(read(session, filterKey(boardId))),
    wip: parseWip(read(local, wipKey(boardId))),
    agingDays:
      Number.isSafeInteger(aging) && (aging as number) > 0 ? (aging as number) : AGING_DAYS,
  };
}

/**
 * One board's filter, WIP limits and aging threshold, kept as described above. `boardId` may
 * change while mounted (the opportunity board switching pipelines): the settings of the new board
 * are read then, during that render, so no frame shows one board with the other's filters.
 */
export function useBoardTools(boardId: string): BoardTools {
  const [stored, setStored] = useState(() => load(boardId));
  let current = stored;
  if (stored.boardId !== boardId) {
    current = load(boardId);
    setStored(current);
  }
  const update = useCallback(
    (change: (prev: Stored) => Partial<Stored>) =>
      setStored((prev) => {
        const next = { ...prev, ...change(prev) };
        if (next.filter !== prev.filter) write(session, filterKey(next.boardId), next.filter);
        if (next.wip !== prev.wip) write(local, wipKey(next.boardId), next.wip);
        if (next.agingDays !== prev.agingDays) write(local, agingKey(next.boardId), next.agingDays);
        return next;
      }),
    [],
  );
  const setFilter = useCallback((filter: BoardFilter) => update(() => ({ filter })), [update]);
  const setWipLimit = useCallback(
    (stage: string, limit: number | undefined) =>
      update((prev) => {
        const wip = { ...prev.wip };
        if (limit === undefined) delete wip[stage];
        else wip[stage] = limit;
        return { wip };
      }),
    [update],
  );
  const setAgingDays = useCallback((agingDays: number) => update(() => ({ agingDays })), [update]);
  const { filter, wip, agingDays } = current;
  return { filter, setFilter, wip, setWipLimit, agingDays, setAgingDays };
}

/**
 * A column's WIP limit and its setter, for an open stage only: a limit on a finished stage
 * (Won, Paid, Accepted) would mean nothing, so those columns get neither.
 */
export function wipLimitOf(
  tools: BoardTools,
  stage: string,
  open: boolean,
): { wipLimit?: number; onWipLimitChange?(limit: number | undefined): void } {
  if (!open) return {};
  return {
    wipLimit: tools.wip[stage],
    onWipLimitChange: (limit: number | undefined) => tools.setWipLimit(stage, limit),
  };
}
