import type { OpportunityBoard } from '../../shared/api';
import { evaluateGate } from '../../shared/domain';
import { useDialogs } from '../app/dialogs';
import type { useOpportunityMove } from '../board/use-opportunity-move';
import { GateDialog } from './GateDialog';
import type { useBoardPipeline } from './use-board-pipeline';

interface BoardPipelineDialogsProps {
  board: OpportunityBoard | undefined;
  bp: ReturnType<typeof useBoardPipeline>;
  move: ReturnType<typeof useOpportunityMove>;
}

/**
 * The gate of a pending move on the opportunity board. (The pipeline editor is the board's own
 * child: one floor fewer to its stage and gate editors.)
 */
export function BoardPipelineDialogs({ board, bp, move }: BoardPipelineDialogsProps) {
  const dialogs = useDialogs();
  const { pipeline } = bp;
  const gate = move.gate;
  // The live card: what the person fills in or a manager approves shows in the gate at once.
  const card = gate && board?.columns.flatMap((c) => c.cards).find((c) => c.id === gate.cardId);
  return (
    <>
      {gate && card && (
        <GateDialog
          key={`${card.id}-${gate.to}`}
          card={card}
          pipeline={pipeline}
          to={gate.to}
          canApprove={bp.canApprove}
          onConfirm={(checklist) => move.confirmGate(card, checklist)}
          onCancel={move.cancelGate}
          onFillIn={(current) =>
            dialogs.openOpportunity({
              card: current,
              pendingMove: {
                to: gate.to,
                missing: evaluateGate(pipeline, current, gate.to).missingFields,
                fillOnly: true,
              },
            })
          }
        />
      )}
    </>
  );
}
