/** "HH:MM", 00:00 to 23:59. */
export const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

function todayAt(now: number, hhmm: string): number | undefined {
  const match = HHMM.exec(hhmm);
  if (!match) return undefined;
  const day = new Date(now);
  return new Date(
    day.getFullYear(),
    day.getMonth(),
    day.getDate(),
    Number(match[1]),
    Number(match[2]),
  ).getTime();
}

/**
 * Whether the end-of-day reminder is due: local time is past today's reminder time and changes
 * are still waiting to reach the server.
 */
export function isReminderDue(now: number, reminderAt: string, pendingChanges: number): boolean {
  const due = todayAt(now, reminderAt);
  return due !== undefined && pendingChanges > 0 && now >= due;
}

/**
 * How long until the reminder can change by the clock alone: today's reminder time, or midnight
 * (a new day). Capped at an hour, so a clock change or a suspended laptop is noticed soon.
 */
export function reminderCheckDelay(now: number, reminderAt: string): number {
  const day = new Date(now);
  const midnight = new Date(day.getFullYear(), day.getMonth(), day.getDate() + 1).getTime();
  const due = todayAt(now, reminderAt);
  const next = due !== undefined && due > now ? Math.min(due, midnight) : midnight;
  return Math.min(Math.max(next - now, 1000), 3_600_000);
}

/** Re-evaluates the reminder when it can change: at the reminder time and at midnight. */
export class ReminderTimer {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(
    private readonly now: () => number,
    /** The reminder time now ("HH:MM"); the person may change it at any time. */
    private readonly reminderAt: () => string,
    /** The reminder may have become due or stopped being due. */
    private readonly onCheck: () => void,
  ) {}

  /** (Re)starts the wait from now, for the current reminder time. */
  schedule(): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = setTimeout(
      () => {
        this.onCheck();
        this.schedule();
      },
      reminderCheckDelay(this.now(), this.reminderAt()),
    );
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }
}
