/**
 * The dashboard's period: presets in the viewer's own calendar (a Chinese firm's "this quarter"
 * starts at local midnight on 1 Oct), as [from, to) epoch ms for the analytics query.
 */

export const PERIOD_PRESETS = ['month', 'quarter', 'year', 'last12', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export interface Period {
  from: number;
  to: number;
}

const monthStart = (year: number, month: number) => new Date(year, month, 1).getTime();

export function presetPeriod(preset: Exclude<PeriodPreset, 'custom'>, now: number): Period {
  const today = new Date(now);
  const year = today.getFullYear();
  const month = today.getMonth();
  switch (preset) {
    case 'month':
      return { from: monthStart(year, month), to: monthStart(year, month + 1) };
    case 'quarter': {
      const first = month - (month % 3);
      return { from: monthStart(year, first), to: monthStart(year, first + 3) };
    }
    case 'year':
      return { from: monthStart(year, 0), to: monthStart(year + 1, 0) };
    case 'last12':
      return { from: monthStart(year, month - 11), to: monthStart(year, month + 1) };
  }
}

/** "2026-11-29" for a local instant: the value of a date input. */
export function toDateInput(at: number): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A custom period from two date inputs; the end day is included. Null when not a valid range. */
export function customPeriod(fromIso: string, toIso: string): Period | null {
  const parse = (iso: string) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime() : NaN;
  };
  const from = parse(fromIso);
  const lastDay = parse(toIso);
  if (Number.isNaN(from) || Number.isNaN(lastDay) || lastDay < from) return null;
  const end = new Date(lastDay);
  return { from, to: new Date(end.getFullYear(), end.getMonth(), end.getDate() + 1).getTime() };
}

/** The viewer's offset from UTC at the period's start, in minutes east (480 for China). */
export function utcOffsetAt(at: number): number {
  return -new Date(at).getTimezoneOffset();
}

/** The calendar quarter containing `now`, as "YYYY-MM" month keys (the forecast's months). */
export function quarterMonths(now: number): string[] {
  const today = new Date(now);
  const first = today.getMonth() - (today.getMonth() % 3);
  return [0, 1, 2].map((i) => {
    const d = new Date(today.getFullYear(), first + i, 1);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
  });
}
