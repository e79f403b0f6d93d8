import type { ReactNode } from 'react';
import type { CrmErrorData } from '../../shared/api';
import { useCurrentUserId } from '../api/crm-context';
import { useNow } from '../app/use-now';
import { StageBoard } from '../stage-board/StageBoard';
import type { RawColumn } from '../stage-board/use-board-view';
import type { useStageMove } from '../stage-board/use-stage-move';
import { ContractingCard } from './ContractingCard';
import type { ContractingKind, ContractingRecord } from './kind';

interface ContractingBoardProps<C extends ContractingRecord<S>, S extends string> {
  kind: ContractingKind<C, S>;
  title: string;
  actions?: ReactNode;
  /** The board's live query: its columns, or why there are none. */
  columns: readonly RawColumn<C, S>[] | undefined;
  error?: CrmErrorData;
  /** The phase's moves (its dialogs and what a move says), from useStageMove. */
  move: ReturnType<typeof useStageMove<C, S>>;
  onOpen(card: C): void;
  /** The phase's next step on a card (kind.Extra's button). */
  onAction?(card: C): void;
}

/**
 * The contract and delivery boards: the kit's StageBoard with the contracting card, so each of
 * the two phases supplies only its kind (stages, rules, card body), its moves and its dialogs.
 */
export function ContractingBoard<C extends ContractingRecord<S>, S extends string>(
  props: ContractingBoardProps<C, S>,
) {
  const { kind, move } = props;
  const { Body } = kind;
  const now = useNow();
  const me = useCurrentUserId();
  return (
    <StageBoard
      phase={kind.board}
      {...kind.rules}
      title={props.title}
      error={props.error}
      actions={props.actions}
      columns={props.columns}
      onMove={move.request}
      revealKey={move.lastMovedId ?? undefined}
      overlay={(card, agingDays) => <Body card={card} now={now} me={me} agingDays={agingDays} />}
      renderCard={(card, agingDays) => (
        <ContractingCard
          kind={kind}
          card={card}
          now={now}
          me={me}
          agingDays={agingDays}
          {...move.stateOf(card)}
          onOpen={props.onOpen}
          onMove={move.request}
          onDismissProblem={move.dismissProblem}
          onAction={props.onAction}
        />
      )}
    />
  );
}
