import { CrmError } from '../api/errors';
import type { ContractRequirement } from '../domain/contracts';
import type { DeliveryRequirement } from '../domain/delivery';
import type { Phase } from '../domain/phases';

/** A move the stage rules refuse, as the error every board explains on the card. */
export function transitionRefused(
  phase: Phase,
  id: string,
  from: string,
  to: string,
  reason: string,
): CrmError {
  return new CrmError({
    type: 'TransitionNotAllowed',
    message: `${phase} ${id} cannot move from ${from} to ${to}: ${reason}`,
    phase,
    from,
    to,
    reason,
  });
}

/** A gate that is not met: the card stays and the board lists `missing`. */
export function gateBlocked(
  phase: Phase,
  id: string,
  from: string,
  to: string,
  missing: (ContractRequirement | DeliveryRequirement)[],
): CrmError {
  return new CrmError({
    type: 'GateBlocked',
    message: `${phase} ${id} cannot enter ${to}: missing ${missing.join(', ')}`,
    phase,
    from,
    to,
    missing,
  });
}
