/**
 * Calendar days in the device's own time zone. The core never guesses a zone, so the renderer
 * turns "this day" into [start, end) epoch milliseconds; a day with a DST change is 23 or 25 hours.
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** The local calendar day of an instant, as an ISO date ("2026-11-29"). */
export function localIsoDate(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The local time of day of an instant ("09:30"). */
export function localTime(at: number): string {
  const d = new Date(at);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function parts(iso: string): [number, number, number] {
  const [y, m, d] = iso.split('-').map(Number);
  return [y ?? NaN, (m ?? NaN) - 1, d ?? NaN];
}

/** [start, end) of a local day in epoch ms. */
export function dayBounds(iso: string): { dayStart: number; dayEnd: number } {
  const [y, m, d] = parts(iso);
  return { dayStart: new Date(y, m, d).getTime(), dayEnd: new Date(y, m, d + 1).getTime() };
}

export function addDays(iso: string, days: number): string {
  const [y, m, d] = parts(iso);
  return localIsoDate(new Date(y, m, d + days).getTime());
}

/**
 * The instant a date and time typed in a form mean here, or NaN when they mean nothing. A date
 * without a time is the start of that day: the activity is for the day, at no particular hour.
 */
export function localInstant(date: string, time: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return NaN;
  if (time && !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return NaN;
  const [y, m, d] = parts(date);
  const [hh, mm] = (time || '00:00').split(':').map(Number);
  const at = new Date(y, m, d, hh, mm);
  // new Date rolls 2026-02-31 over into March: a date that does not exist is invalid.
  return at.getDate() === d && at.getMonth() === m ? at.getTime() : NaN;
}

/** Whether an instant is exactly a local midnight: the form saved a date without a time. */
export function isStartOfDay(at: number): boolean {
  const d = new Date(at);
  return d.getHours() === 0 && d.getMinutes() === 0;
}

/** Past due: a timed one once its time has passed, a whole-day one once its day has. */
export function isOverdue(dueAt: number, now: number): boolean {
  return isStartOfDay(dueAt) ? localIsoDate(dueAt) < localIsoDate(now) : dueAt < now;
}
