import type { RxDocument } from 'rxdb';
import type { Contract, Delivery, Invoice, StageEvent } from '../domain/entities';
import { newId } from '../domain/ids';
import { money } from '../domain/money';
import type { ContractStage } from '../domain/phases';
import { plain, type CoreContext } from './context';
import { newRecordBase } from './records';
import { newStageEvent, nextStageTime, writeWithStageEvent } from './stage-events';
import { assertValidDocument } from './validation';

/*
 * SIGNING (签约): the contract enters Signed, and with it come its delivery (交付, in Planned) and
 * its invoice schedule (one Scheduled invoice per payment milestone, 回款计划 → 发票).
 *
 * RxDB has no transaction across collections, so signing is made resumable by order, as lead
 * conversion is (lead-convert.ts):
 *   1. The caller has checked everything (transition, gates); here every document about to be
 *      written is built and schema-checked. A refused signing writes nothing.
 *   2. The contract is stamped with the ids the delivery and invoices WILL have (deliveryId,
 *      invoiceIds), its stage unchanged.
 *   3. The delivery and then each invoice are inserted, each with its creation stage event.
 *   4. The contract moves to Signed with its stage event.
 * A contract that carries a deliveryId but is not signed is a signing cut short (a crash, a
 * failed write). Signing it again reuses the stamped ids, skips the records that exist and writes
 * only the rest, so no second delivery or invoice is ever made. The stamp also locks the terms
 * (contracts.ts), so the retry bills the same plan the first attempt did.
 */

/** The invoice number's stem: the contract number, else a short form of its id. */
export function invoiceStem(contract: Pick<Contract, 'id' | 'number'>): string {
  return contract.number?.trim() || contract.id.replace(/-/g, '').slice(-8).toUpperCase();
}

interface Planned<T> {
  record: T;
  event: StageEvent;
}

export async function signContract(
  ctx: CoreContext,
  doc: RxDocument<Contract>,
  candidate: Contract,
  to: ContractStage,
): Promise<Contract> {
  const { database } = ctx;
  const stored = plain(doc);
  const plan = candidate.paymentPlan ?? [];
  const deliveryId = stored.deliveryId ?? newId();
  const invoiceIds = plan.map((_, i) => stored.invoiceIds?.[i] ?? newId());

  // Step 1: what an earlier, unfinished signing already wrote, and what is still to write.
  const existingDelivery = await database.deliveries.findOne(deliveryId).exec();
  const existingInvoices = await database.invoices.findByIds(invoiceIds).exec();
  const created = (phase: 'delivery' | 'invoice', recordId: string, stage: string, at: number) =>
    newStageEvent(ctx, { phase, recordId, to: stage, at });

  let delivery: Planned<Delivery> | undefined;
  if (!existingDelivery) {
    const base = { ...newRecordBase(ctx), id: deliveryId };
    delivery = {
      record: {
        ...base,
        title: candidate.title,
        contractId: candidate.id,
        accountId: candidate.accountId,
        stage: 'planned',
        stageEnteredAt: base.createdAt,
      },
      event: created('delivery', deliveryId, 'planned', base.createdAt),
    };
  }
  const stem = invoiceStem(candidate);
  const invoices: Planned<Invoice>[] = [];
  plan.forEach((milestone, i) => {
    const invoiceId = invoiceIds[i]!;
    if (existingInvoices.has(invoiceId)) return;
    const base = { ...newRecordBase(ctx), id: invoiceId };
    invoices.push({
      record: {
        ...base,
        number: `${stem}-${i + 1}`,
        contractId: candidate.id,
        accountId: candidate.accountId,
        stage: 'scheduled',
        stageEnteredAt: base.createdAt,
        amount: milestone.amount,
        paid: money(0, milestone.amount.currency),
        dueOn: milestone.dueOn,
        milestone: milestone.name,
        milestoneId: milestone.id,
      },
      event: created('invoice', invoiceId, 'scheduled', base.createdAt),
    });
  });

  const at = nextStageTime(ctx, stored.stageEnteredAt);
  const signed: Contract = {
    ...candidate,
    deliveryId,
    invoiceIds,
    stage: to,
    stageEnteredAt: at,
    updatedAt: at,
  };
  delete signed.terminatedReason;
  const contractEvent = newStageEvent(ctx, {
    phase: 'contract',
    recordId: candidate.id,
    from: stored.stage,
    to,
    at,
  });
  if (delivery) {
    assertValidDocument('deliveries', delivery.record);
    assertValidDocument('stageevents', delivery.event);
  }
  for (const invoice of invoices) {
    assertValidDocument('invoices', invoice.record);
    assertValidDocument('stageevents', invoice.event);
  }
  assertValidDocument('contracts', signed);
  assertValidDocument('stageevents', contractEvent);

  // Step 2: the stamp, unless an earlier attempt left exactly this one.
  let current = doc;
  const stamped =
    stored.deliveryId === deliveryId &&
    JSON.stringify(stored.invoiceIds ?? []) === JSON.stringify(invoiceIds);
  if (!stamped) {
    current = await doc.modify(() => ({ ...stored, deliveryId, invoiceIds, updatedAt: ctx.now() }));
  }
  // Step 3: the records, each with its creation event.
  if (delivery) {
    const record = delivery.record;
    await writeWithStageEvent(ctx, delivery.event, () => database.deliveries.insert(record));
  }
  for (const invoice of invoices) {
    const record = invoice.record;
    await writeWithStageEvent(ctx, invoice.event, () => database.invoices.insert(record));
  }
  // Step 4: the contract is signed.
  return writeWithStageEvent(ctx, contractEvent, async () =>
    plain(await current.modify(() => signed)),
  );
}
