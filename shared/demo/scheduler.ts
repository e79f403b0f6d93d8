import type { CurrentUser } from '../core/context';

/** A journey's request: wake me at `at`, acting as `as`. */
export interface Wake {
  at: number;
  as: CurrentUser;
}

/** One simulated thread of work (a lead's life, a delivery, an invoice's collection). */
export type Journey = AsyncGenerator<Wake, void, void>;

interface Entry {
  at: number;
  seq: number;
  as: CurrentUser;
  journey: Journey;
}

/**
 * Runs journeys in the order of simulated time, one step at a time: before each step it sets the
 * clock and the acting person, so every command writes exactly when and as whom the story says.
 * Ties go to the journey that asked first (seq), which keeps the run deterministic. A step asked
 * for after `end` (the simulated today) never happens: the record stays where it is, which is
 * what leaves a realistic amount of work in progress on every board.
 */
export class SimulationScheduler {
  private queue: Entry[] = [];
  private seq = 0;
  time: number;
  user: CurrentUser;

  constructor(
    start: number,
    readonly end: number,
    first: CurrentUser,
  ) {
    this.time = start;
    this.user = first;
  }

  /** Starts a journey: runs it up to its first wake request. */
  async spawn(journey: Journey): Promise<void> {
    await this.advance(journey);
  }

  private async advance(journey: Journey): Promise<void> {
    const step = await journey.next();
    if (step.done) return;
    if (step.value.at > this.end) {
      await journey.return();
      return;
    }
    this.push({ at: step.value.at, as: step.value.as, journey, seq: this.seq++ });
  }

  private push(entry: Entry): void {
    // Binary insertion keeps the queue sorted by (at, seq); a few thousand steps in all.
    let lo = 0;
    let hi = this.queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const other = this.queue[mid]!;
      if (other.at < entry.at || (other.at === entry.at && other.seq < entry.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.queue.splice(lo, 0, entry);
  }

  /** Runs every step up to `end`; `onStep` sees progress (steps done, steps still queued). */
  async run(onStep?: (done: number, queued: number) => void): Promise<void> {
    let done = 0;
    for (let entry = this.queue.shift(); entry; entry = this.queue.shift()) {
      // Never let time run backwards: a journey may ask for a time already passed.
      this.time = Math.max(this.time, entry.at);
      this.user = entry.as;
      await this.advance(entry.journey);
      done += 1;
      onStep?.(done, this.queue.length);
    }
    this.time = this.end;
  }
}
