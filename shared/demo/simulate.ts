import type { CrmService } from '../api/crm-api';
import type { CoreContext } from '../core/context';
import type { LtcDatabase } from '../core/database';
import { sampleFirm, type SampleLanguage } from './firm';
import { leadJourney } from './lead-journey';
import { seededRandom } from './random';
import { SimulationScheduler } from './scheduler';
import { DAY, SampleWorld, samplePeople } from './world';

export interface SimulationOptions {
  language: SampleLanguage;
  /** The simulated today: the year of history ends here. */
  end: number;
  /** Same seed, same firm. */
  seed?: number;
  /** How many leads the year brings; 250 for the full firm, fewer in tests. */
  leads?: number;
  days?: number;
  /** Share of the simulated year done, 0..1, after every step. */
  onProgress?: (yearDone: number) => void;
}

/**
 * Simulates a year of a small firm (a manager and four reps) by driving the REAL core commands
 * with a simulated clock and the acting person switched per step. Every rule, gate and stage
 * event is therefore the product's own, and the history (dwell times, a Review bottleneck, lost
 * deals, disqualified leads, late and partial payments) is what the analytics will really see.
 *
 * `makeService` builds the core's service over the simulation's own context (the caller passes
 * createCrmService; taking it as a parameter keeps shared/demo out of an import cycle with it).
 */
export async function simulateSampleFirm(
  database: LtcDatabase,
  makeService: (ctx: CoreContext) => CrmService,
  options: SimulationOptions,
): Promise<void> {
  const firm = sampleFirm(options.language);
  const people = samplePeople(firm);
  const rng = seededRandom(options.seed ?? 20_260_101);
  const days = options.days ?? 365;
  const leads = options.leads ?? 250;
  const start = Math.floor((options.end - days * DAY) / DAY) * DAY;
  const scheduler = new SimulationScheduler(start, options.end, people.manager);
  const ctx: CoreContext = {
    database,
    get currentUser() {
      return scheduler.user;
    },
    set currentUser(_user) {
      // The scheduler decides who acts; nothing else may switch the sample firm's person.
    },
    now: () => scheduler.time,
  };
  const world = new SampleWorld(firm, people, rng, scheduler, makeService(ctx));
  for (let i = 0; i < leads; i++) {
    // More leads as the year goes on (the firm is growing): createdAt skews recent.
    const offset = Math.round(Math.pow(rng.next(), 0.7) * (days - 1) * DAY);
    const rep = people.reps[i % people.reps.length]!;
    await world.spawn(leadJourney(world, start + offset, rep, i));
  }
  const onProgress = options.onProgress;
  await scheduler.run(
    onProgress && (() => onProgress((scheduler.time - start) / (options.end - start))),
  );
}
