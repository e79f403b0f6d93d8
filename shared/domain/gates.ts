import type { Opportunity } from './entities';
import { stagesEntered, type OpportunityStage } from './phases';

/**
 * A gate requirement names the field a person must fill in before a card may enter a stage.
 * The UI turns each into a checklist line; the core refuses the move while any is missing.
 */
export type GateRequirement = 'amount' | 'expectedClose' | 'contactId' | 'lostReason';

export const OPPORTUNITY_GATES: Partial<Record<OpportunityStage, GateRequirement[]>> = {
  // Proposal (投标/报价): you cannot quote without knowing how much, by when, and to whom.
  proposal: ['amount', 'expectedClose', 'contactId'],
  negotiation: ['amount', 'expectedClose', 'contactId'],
  won: ['amount', 'expectedClose', 'contactId'],
  lost: ['lostReason'],
};

function isMet(opportunity: Opportunity, requirement: GateRequirement): boolean {
  switch (requirement) {
    case 'amount':
      return opportunity.amount !== undefined && opportunity.amount.minor > 0;
    case 'expectedClose':
      return Boolean(opportunity.expectedClose);
    case 'contactId':
      return Boolean(opportunity.contactId);
    case 'lostReason':
      return Boolean(opportunity.lostReason?.trim());
  }
}

/**
 * What is missing for `opportunity` (with the person's pending edits applied) to move to `to`.
 * Gates are cumulative: skipping from Qualify straight to Negotiation still needs Proposal's.
 */
export function missingForOpportunityMove(
  opportunity: Opportunity,
  to: OpportunityStage,
): GateRequirement[] {
  const missing = new Set<GateRequirement>();
  for (const stage of stagesEntered('opportunity', opportunity.stage, to)) {
    for (const req of OPPORTUNITY_GATES[stage] ?? []) {
      if (!isMet(opportunity, req)) missing.add(req);
    }
  }
  return [...missing];
}
