import type { CurrentUser } from '../core/context';
import type { Contract, Opportunity } from '../domain/entities';
import type { DealPlan } from './deal-journey';
import type { Journey } from './scheduler';
import { DAY, type SampleWorld } from './world';

/** Payment terms: 30 % on signing, 60 % on delivery, 10 % on acceptance. */
const SPLIT = [30, 60, 10];

/**
 * A won deal's contract: terms written up in Draft, then Review — the firm's bottleneck, where
 * contracts wait weeks for legal and finance — then signed (which creates the delivery and the
 * invoice schedule) or, now and then, terminated. The delivery and each invoice then run as
 * journeys of their own, side by side, as they do in a real firm.
 */
export async function* contractJourney(
  world: SampleWorld,
  won: Opportunity,
  plan: DealPlan,
  rep: CurrentUser,
): Journey {
  const { rng, firm } = world;
  if (!world.has('contracts/move')) return;
  yield world.wake(world.now(), world.days(0, 2), rep);
  let contractId = won.contractId;
  if (!contractId) {
    const created = await world.call('contracts/create', {
      title: won.title,
      accountId: won.accountId,
      contactId: won.contactId,
      opportunityId: won.id,
      amount: world.money(plan.total),
    });
    contractId = created.id;
  }
  const totalMinor = plan.total * 100;
  const amounts = SPLIT.map((p) => Math.floor((totalMinor * p) / 100));
  amounts[0]! += totalMinor - amounts.reduce((a, b) => a + b, 0);
  const expected = [20, 75, 110];
  await world.call('contracts/update', {
    id: contractId,
    patch: {
      number: world.nextContractNumber(),
      lineItems: plan.lines.map((l) => ({
        description: l.description,
        quantity: l.quantity,
        unitPrice: world.money(l.price),
      })),
      paymentPlan: amounts.map((minor, i) => ({
        name: firm.milestones[i]!,
        amount: { minor, currency: firm.currency },
        dueOn: world.isoDate(world.now() + expected[i]! * DAY),
      })),
    },
  });

  yield world.wake(world.now(), world.days(3, 14), rep);
  await world.call('contracts/move', { id: contractId, to: 'review' });

  // The bottleneck: review waits on legal and finance, three to eight weeks.
  yield world.wake(world.now(), world.days(20, 58), rep);
  if (rng.chance(0.06)) {
    await world.call('contracts/move', {
      id: contractId,
      to: 'terminated',
      terminatedReason: rng.pick(firm.terminateReasons),
    });
    return;
  }
  const signed = await world.call('contracts/move', {
    id: contractId,
    to: 'signed',
    signedOn: world.isoDate(world.now()),
  });
  const signedAt = world.now();
  const start = signedAt + world.days(3, 10) * DAY;
  const delivered = start + world.days(15, 55) * DAY;
  const accepted = delivered + world.days(5, 25) * DAY;
  const issueAt = [
    signedAt + world.days(1, 4) * DAY,
    delivered + world.days(1, 5) * DAY,
    accepted + world.days(2, 8) * DAY,
  ];
  if (signed.deliveryId) {
    await world.spawn(deliveryJourney(world, signed, { start, delivered, accepted }, rep));
  }
  for (const [i, invoiceId] of (signed.invoiceIds ?? []).entries()) {
    const at = issueAt[Math.min(i, issueAt.length - 1)]!;
    await world.spawn(invoiceJourney(world, invoiceId, contractId, at, rep));
  }
}

/**
 * Closing: once the delivery is accepted and every invoice paid, the contract is completed. Tried
 * after acceptance and after each invoice's last payment; the Completed gate refuses every try
 * but the last, and a contract with an invoice still unpaid stays Executing.
 */
async function tryToComplete(world: SampleWorld, contractId: string): Promise<void> {
  await world.call('contracts/move', { id: contractId, to: 'completed' }).catch(() => undefined);
}

interface DeliveryTimes {
  start: number;
  delivered: number;
  accepted: number;
}

async function* deliveryJourney(
  world: SampleWorld,
  contract: Contract,
  times: DeliveryTimes,
  rep: CurrentUser,
): Journey {
  const id = contract.deliveryId!;
  yield world.wake(times.start, 0, rep);
  const steps = world.firm.deliverySteps;
  const span = times.delivered - times.start;
  const dueOf = (i: number) =>
    world.isoDate(times.start + Math.round(((i + 1) * span) / steps.length));
  await world.call('deliveries/update', {
    id,
    patch: {
      plannedOn: world.isoDate(times.delivered),
      milestones: steps.map((name, i) => ({ name, dueOn: dueOf(i) })),
    },
  });
  await world.call('deliveries/move', { id, to: 'inProgress' });
  await world.call('contracts/move', { id: contract.id, to: 'executing' });

  yield world.wake(times.delivered, 0, rep);
  // Every step done: the Delivered gate asks for no open milestone.
  await world.call('deliveries/update', {
    id,
    patch: { milestones: steps.map((name, i) => ({ name, dueOn: dueOf(i), doneOn: dueOf(i) })) },
  });
  await world.call('deliveries/move', { id, to: 'delivered' });

  yield world.wake(times.accepted, 0, rep);
  await world.call('deliveries/move', {
    id,
    to: 'accepted',
    acceptedOn: world.isoDate(world.now()),
  });
  await tryToComplete(world, contract.id);
}

/**
 * Issue, then collect: most customers pay within terms, some late, some in two parts, and a few
 * not yet — which is what gives the collections board its overdue cards and AR ageing its tail.
 */
async function* invoiceJourney(
  world: SampleWorld,
  id: string,
  contractId: string,
  issueAt: number,
  rep: CurrentUser,
): Journey {
  if (!world.has('invoices/issue') || !world.has('payments/record')) return;
  const { rng } = world;
  yield world.wake(issueAt, 0, rep);
  const invoice = await world.call('invoices/issue', {
    id,
    issuedOn: world.isoDate(world.now()),
    number: world.nextInvoiceNumber(),
    dueOn: world.isoDate(world.now() + 30 * DAY),
  });
  const total = invoice.amount.minor;
  const roll = rng.next();
  const payments: { after: number; minor: number }[] =
    roll < 0.55
      ? [{ after: world.days(8, 30), minor: total }]
      : roll < 0.75
        ? [{ after: world.days(35, 90), minor: total }]
        : roll < 0.92
          ? [
              { after: world.days(15, 40), minor: Math.floor(total / 2) },
              { after: world.days(45, 95), minor: total - Math.floor(total / 2) },
            ]
          : [];
  const issued = world.now();
  for (const [i, p] of payments.entries()) {
    yield world.wake(issued, p.after, rep);
    await world.call('payments/record', {
      invoiceId: id,
      amount: { minor: p.minor, currency: invoice.amount.currency },
      receivedOn: world.isoDate(world.now()),
      reference: `${invoice.number}-${i + 1}`,
    });
  }
  if (payments.length > 0) await tryToComplete(world, contractId);
}
