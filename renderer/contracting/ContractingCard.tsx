import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  missingTextOf,
  stageNameOf,
  transitionTextOf,
  type ContractingPhase,
} from './contract-text';
import { RefusalNote } from '../stage-board/RefusalNote';
import { ReadOnlyMark } from '../access/ReadOnlyMark';
import { useRecordAccess } from '../access/use-actor';
import { CardHeading } from '../stage-board/CardParts';
import { StageCard, type StageDragData } from '../stage-board/StageCard';
import { StageMoveMenu, type MenuWords } from '../stage-board/StageMoveMenu';
import type { StageMoveProblem } from '../stage-board/use-stage-move';
import { agedIn, type ContractingKind, type ContractingRecord } from './kind';

/** The contracts section holds the menu's words; they fit deliveries too. */
const MENU_WORDS: MenuWords = {
  title: 'contracts.menu.title',
  moveTo: 'contracts.menu.moveTitle',
  current: 'contracts.menu.current',
};

interface ContractingCardProps<C extends ContractingRecord<S>, S extends string> {
  kind: ContractingKind<C, S>;
  card: C;
  now: number;
  me?: string;
  /** The board's aging threshold in days. */
  agingDays?: number;
  moving: boolean;
  problem: StageMoveProblem | undefined;
  /** Just moved here by the menu or the keyboard: take the focus back (once). */
  takeFocus?: boolean;
  onFocusTaken?(): void;
  onOpen(card: C): void;
  onMove(card: C, to: S): void;
  onDismissProblem(id: string): void;
  /** The phase's next step on the card (kind.Extra's button). */
  onAction?(card: C): void;
}

/**
 * A contract or delivery card: the two differ only in their body (and the contract's unfinished
 * signing), so the spoken names, the menu (stages, history), the refusal and "fix it" opening
 * the record are wired once here, in the kit's card frame.
 */
function ContractingCardView<C extends ContractingRecord<S>, S extends string>(
  props: ContractingCardProps<C, S>,
) {
  const { t } = useTranslation();
  const { kind, card, problem, onOpen, onMove, onDismissProblem } = props;
  const { phase, Body, Extra } = kind;
  const section = phase === 'contract' ? 'contracts' : 'delivery';
  // A colleague's record is the rep's to look at only: no drag, no menu (the rulebook's answer).
  const { canEdit } = useRecordAccess(kind.board.collection, card);
  const drag: StageDragData = { id: card.id, title: card.title, stage: card.stage };
  const open = () => onOpen(card);
  return (
    <StageCard
      card={drag}
      collection={kind.board.collection}
      draggable={canEdit}
      roleDescription={t(`${section}.dnd.roleDescription`)}
      label={t(`${section}.card.label`, { title: card.title })}
      moving={props.moving}
      warn={Boolean(problem) || kind.warn?.(card)}
      aged={agedIn(phase, card, props.now, props.agingDays)}
      refusal={
        problem && (
          <Refusal
            phase={phase}
            problem={problem}
            onOpen={open}
            onDismissProblem={() => onDismissProblem(card.id)}
          />
        )
      }
      takeFocus={props.takeFocus}
      onFocusTaken={props.onFocusTaken}
      data={{ 'data-card-id': card.id }}
      onOpen={open}
    >
      <CardHeading
        label={t(`${section}.card.open`, { title: card.title })}
        title={card.title}
        actions={
          canEdit ? (
            <StageMoveMenu
              label={t('contracts.menu.label', { title: card.title })}
              words={MENU_WORDS}
              stages={kind.rules.stages.map((stage) => ({
                key: stage,
                name: stageNameOf(t, phase, stage),
                dividerAbove: stage === kind.firstTerminal,
              }))}
              current={card.stage}
              onMove={(to) => onMove(card, to)}
              history={{ recordType: phase, recordId: card.id, title: card.title }}
            />
          ) : (
            <ReadOnlyMark ownerName={card.ownerName} />
          )
        }
      />
      <Body card={card} now={props.now} me={props.me} agingDays={props.agingDays} />
      {Extra && props.onAction && <Extra card={card} onAction={props.onAction} />}
    </StageCard>
  );
}

/** memo() loses the type parameters; the cast gives them back. */
export const ContractingCard = memo(ContractingCardView) as typeof ContractingCardView;

/** Why a contract or delivery did not move; a gate's missing fields are filled in its dialog. */
function Refusal(props: {
  phase: ContractingPhase;
  problem: StageMoveProblem;
  onOpen(): void;
  onDismissProblem(): void;
}) {
  const { t } = useTranslation();
  const { phase } = props;
  const { error } = props.problem;
  const section = phase === 'contract' ? 'contracts' : 'delivery';
  if (error.type !== 'GateBlocked') {
    return (
      <RefusalNote title={t(`${section}.move.notAllowedTitle`)} onDismiss={props.onDismissProblem}>
        {transitionTextOf(t, phase, error)}
      </RefusalNote>
    );
  }
  return (
    <RefusalNote
      title={t(`${section}.move.blockedTitle`, { stage: stageNameOf(t, phase, error.to) })}
      missing={error.missing.map((requirement) => missingTextOf(t, phase, requirement))}
      // A refused move is fixed in the record's dialog (the missing fields live there).
      fix={{ label: t(`${section}.move.fillIn`), onClick: props.onOpen }}
      onDismiss={props.onDismissProblem}
    />
  );
}
