import type { Delivery } from './entities';
import { DELIVERY_STAGES, stagesEntered, type DeliveryStage } from './phases';

/*
 * Delivery rules (交付 / 验收). A delivery's milestones (shipped, installed, trained …) are done
 * when they carry a doneOn date.
 *
 * Delivered needs every milestone done: "delivered" with open steps would be a claim the
 * checklist contradicts. A delivery without milestones has nothing to contradict and may be
 * delivered; firms that track steps add them. Accepted (验收) needs the same plus the customer's
 * acceptance date, which the collections side reads as the day acceptance invoices fall due.
 */

export type DeliveryRequirement = 'milestonesDone' | 'acceptedOn';

export const DELIVERY_GATES: Partial<Record<DeliveryStage, DeliveryRequirement[]>> = {
  delivered: ['milestonesDone'],
  accepted: ['milestonesDone', 'acceptedOn'],
};

export function openMilestones(delivery: Pick<Delivery, 'milestones'>): number {
  return (delivery.milestones ?? []).filter((m) => !m.doneOn).length;
}

export function milestoneProgress(delivery: Pick<Delivery, 'milestones'>): {
  done: number;
  total: number;
} {
  const total = delivery.milestones?.length ?? 0;
  return { done: total - openMilestones(delivery), total };
}

/** Whether the delivery has what `requirement` asks for. */
export function deliveryRequirementMet(
  delivery: Delivery,
  requirement: DeliveryRequirement,
): boolean {
  switch (requirement) {
    case 'milestonesDone':
      return openMilestones(delivery) === 0;
    case 'acceptedOn':
      return Boolean(delivery.acceptedOn);
  }
}

/** What is missing for `delivery` (acceptance date of the move applied) to enter `to`. */
export function missingForDeliveryMove(
  delivery: Delivery,
  to: DeliveryStage,
): DeliveryRequirement[] {
  const missing = new Set<DeliveryRequirement>();
  for (const stage of stagesEntered('delivery', delivery.stage, to)) {
    for (const req of DELIVERY_GATES[stage] ?? []) {
      if (!deliveryRequirementMet(delivery, req)) missing.add(req);
    }
  }
  return [...missing];
}

/** What a delivery in `stage` holds of the gates it passed: an accepted one keeps its date. */
export function heldDeliveryRequirements(stage: DeliveryStage): DeliveryRequirement[] {
  const held = new Set<DeliveryRequirement>();
  for (const s of DELIVERY_STAGES.slice(0, DELIVERY_STAGES.indexOf(stage) + 1)) {
    for (const req of DELIVERY_GATES[s] ?? []) held.add(req);
  }
  return [...held];
}
