import type { CurrentUser } from '../core/context';
import type { Opportunity } from '../domain/entities';
import { contractJourney } from './contract-journey';
import type { Journey } from './scheduler';
import { DAY, type SampleWorld } from './world';

export interface DealPlan {
  lines: { description: string; quantity: number; price: number }[];
  /** In major units of the firm's currency. */
  total: number;
}

/** Chance of losing the deal at each step, and how long each stage takes (days). */
const STEPS = [
  { to: 'solution', lose: 0.08, dwell: [5, 20] },
  { to: 'proposal', lose: 0.1, dwell: [8, 30] },
  { to: 'negotiation', lose: 0.15, dwell: [8, 32] },
  { to: 'won', lose: 0.2, dwell: [6, 26] },
] as const;

/** The built-in pipeline's gated stages: entering them needs a manager's approval. */
const APPROVED = new Set(['proposal', 'won']);

/**
 * An opportunity's way through the built-in pipeline: a call when it arrives, a site visit, the
 * quote fields filled in before Proposal, a manager's approval before the gated stages (where the
 * core has approvals), a follow-up task for each next step, and Won or Lost with a reason.
 * Winning hands over to the contract.
 */
export async function* dealJourney(
  world: SampleWorld,
  opportunity: Opportunity,
  contactId: string | undefined,
  plan: DealPlan,
  rep: CurrentUser,
): Journey {
  const { rng, firm, people } = world;
  const id = opportunity.id;
  await activity(world, 'call', id, world.now(), true);

  for (const step of STEPS) {
    const dueAt = world.wake(world.now(), world.days(step.dwell[0], step.dwell[1]), rep);
    const task = await activity(world, 'task', id, dueAt.at, false);
    if (step.to === 'proposal') {
      // The quote needs an amount, a close date and someone to send it to (the Proposal gate).
      if (!contactId) {
        const contact = await world.call('contacts/create', {
          accountId: opportunity.accountId,
          name: rng.pick(firm.contactNames),
          title: rng.pick(firm.titles),
        });
        contactId = contact.id;
      }
      await world.call('opportunities/update', {
        id,
        patch: { contactId, expectedClose: world.isoDate(world.now() + rng.int(30, 75) * DAY) },
      });
    }
    yield dueAt;
    if (task && world.has('activities/complete')) {
      await world.call('activities/complete', { id: task, done: true });
    }
    if (rng.chance(step.lose)) {
      await world.call('opportunities/move', {
        id,
        to: 'lost',
        lostReason: rng.pick(firm.lostReasons),
      });
      return;
    }
    if (step.to === 'solution') await activity(world, 'visit', id, world.now(), true);
    if (APPROVED.has(step.to) && world.has('opportunities/approve')) {
      if (world.has('opportunities/requestApproval')) {
        await world.call('opportunities/requestApproval', { id, stage: step.to });
      }
      yield world.wake(world.now(), world.days(0, 3), people.manager);
      await world.call('opportunities/approve', { id, stage: step.to });
      yield world.wake(world.now(), 0, rep);
    }
    const moved = await world.call('opportunities/move', { id, to: step.to });
    if (step.to === 'won') {
      yield* contractJourney(world, moved, plan, rep);
      return;
    }
  }
}

/** An activity on the opportunity; done ones are the history, open ones the rep's to-do list. */
async function activity(
  world: SampleWorld,
  kind: 'call' | 'visit' | 'task',
  recordId: string,
  dueAt: number,
  done: boolean,
): Promise<string | undefined> {
  if (!world.has('activities/create')) return undefined;
  const subjects = world.firm.activitySubjects.filter((s) => s.kind === kind);
  const created = await world.call('activities/create', {
    kind,
    subject: world.rng.pick(subjects).subject,
    recordType: 'opportunity',
    recordId,
    dueAt,
    done,
  });
  return created.id;
}
