import type { CurrentUser } from '../core/context';
import type { ScoreAnswer } from '../domain/leads';
import { dealJourney, type DealPlan } from './deal-journey';
import type { Journey } from './scheduler';
import type { SampleWorld } from './world';

const ANSWERS: readonly ScoreAnswer[] = ['yes', 'partly', 'no'];

function pinyinishEmail(world: SampleWorld, index: number): string {
  return `contact${index}@${world.firm.currency === 'CNY' ? 'example.cn' : 'example.com'}`;
}

/** How reps name a customer in a deal title: "苏州恒远", "Northwind Precision". */
function shortName(company: string, chinese: boolean): string {
  return chinese ? company.slice(0, 4) : company.split(' ').slice(0, 2).join(' ');
}

/** A deal's product lines: one main product, sometimes commissioning days and service. */
function dealPlan(world: SampleWorld): DealPlan {
  const { rng, firm } = world;
  const main = firm.products[rng.int(0, 4)]!;
  const lines = [{ description: main.name, quantity: rng.int(1, 3), price: main.price }];
  if (rng.chance(0.6))
    lines.push({
      description: firm.products[5]!.name,
      quantity: rng.int(5, 30),
      price: firm.products[5]!.price,
    });
  if (rng.chance(0.4))
    lines.push({
      description: firm.products[6]!.name,
      quantity: 1,
      price: firm.products[6]!.price,
    });
  return { lines, total: lines.reduce((sum, l) => sum + l.quantity * l.price, 0) };
}

/**
 * A lead's life: captured, contacted, scored, then disqualified with a reason or qualified and
 * converted into an opportunity, whose deal journey then carries on. About one lead in three
 * comes from a company that is already a customer, and is converted onto its account.
 */
export async function* leadJourney(
  world: SampleWorld,
  createdAt: number,
  rep: CurrentUser,
  index: number,
): Journey {
  const { rng, firm } = world;
  yield { at: createdAt, as: rep };
  const known = [...world.accounts.keys()];
  const company =
    known.length > 5 && rng.chance(0.3)
      ? rng.pick(known)
      : firm.companies[index % Math.min(45, firm.companies.length)]!;
  const contactName = rng.chance(0.85) ? rng.pick(firm.contactNames) : undefined;
  const lead = await world.call('leads/create', {
    company,
    contactName,
    phone: rng.chance(0.7)
      ? `1${rng.int(30, 89)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`
      : undefined,
    email: contactName && rng.chance(0.5) ? pinyinishEmail(world, index) : undefined,
    source: rng.pick(firm.sources),
  });
  // A few leads are never followed up: they sit in New, ageing, as in any real inbox.
  if (rng.chance(0.06)) return;

  yield world.wake(world.now(), world.days(0, 4), rep);
  await world.call('leads/move', { id: lead.id, to: 'contacted' });

  yield world.wake(world.now(), world.days(4, 24), rep);
  const strong = rng.chance(0.58);
  const answer = () => (strong ? rng.pick(ANSWERS.slice(0, 2)) : rng.pick(ANSWERS.slice(1)));
  await world.call('leads/score', {
    id: lead.id,
    scorecard: { budget: answer(), authority: answer(), need: answer(), timeline: answer() },
  });
  if (!strong) {
    yield world.wake(world.now(), world.days(0, 5), rep);
    await world.call('leads/move', {
      id: lead.id,
      to: 'disqualified',
      disqualifiedReason: rng.pick(firm.disqualifyReasons),
    });
    return;
  }

  yield world.wake(world.now(), world.days(1, 6), rep);
  await world.call('leads/move', { id: lead.id, to: 'qualified' });

  // Most qualified leads are converted within days; some wait weeks for the customer's go-ahead.
  yield world.wake(world.now(), rng.chance(0.25) ? world.days(20, 45) : world.days(1, 7), rep);
  const plan = dealPlan(world);
  const existing = world.accounts.get(company);
  const conversion = await world.call('leads/convert', {
    id: lead.id,
    opportunityTitle: `${shortName(company, firm.currency === 'CNY')} · ${plan.lines[0]!.description}`,
    amount: world.money(plan.total),
    accountId: existing,
  });
  if (!existing) {
    world.accounts.set(company, conversion.account.id);
    await world.call('accounts/update', {
      id: conversion.account.id,
      patch: { industry: rng.pick(firm.industries) },
    });
  }
  yield* dealJourney(world, conversion.opportunity, conversion.contact?.id, plan, rep);
}
