import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  missingTextOf,
  stageNameOf,
  transitionTextOf,
  type ContractingPhase,
} from './contract-text';
import { RefusalNote } from '../stage-board/RefusalNote';
import { StageCard } from '../stage-board/StageCard';
import { StageMoveMenu } from '../stage-board/StageMoveMenu';
import type { StageMoveProblem } from '../stage-board/use-stage-move';

interface ContractingCardProps<S extends string> {
  phase: ContractingPhase;
  card: { id: string; title: string; stage: S; ownerId: string; ownerName: string };
  /** The phase's stages in board order, and the first finished one (the menu's divider). */
  stages: readonly S[];
  firstTerminal: S;
  moving: boolean;
  problem: StageMoveProblem | undefined;
  takeFocus?: boolean;
  onFocusTaken?(): void;
  aged: boolean;
  warn?: boolean;
  onOpen(): void;
  onMove(to: S): void;
  onDismissProblem(): void;
  children: ReactNode;
}

/**
 * A contract or delivery card with its move menu: the two differ only in their body, so the
 * spoken names, the menu (stages, history) and "fix it" opening the record are wired once here.
 */
export function ContractingCard<S extends string>(props: ContractingCardProps<S>) {
  const { t } = useTranslation();
  const { phase, card, problem } = props;
  const section = phase === 'contract' ? 'contracts' : 'delivery';
  return (
    <StageCard
      collection={phase === 'contract' ? 'contracts' : 'deliveries'}
      roleDescription={t(`${section}.dnd.roleDescription`)}
      card={{ id: card.id, title: card.title, stage: card.stage }}
      owner={card}
      label={t(`${section}.card.label`, { title: card.title })}
      openLabel={t(`${section}.card.open`, { title: card.title })}
      moving={props.moving}
      refusal={
        problem && (
          <Refusal
            phase={phase}
            problem={problem}
            onOpen={props.onOpen}
            onDismissProblem={props.onDismissProblem}
          />
        )
      }
      takeFocus={props.takeFocus}
      onFocusTaken={props.onFocusTaken}
      aged={props.aged}
      warn={props.warn}
      onOpen={props.onOpen}
      menu={
        // The contracts section holds the menu's name; it fits deliveries too.
        <StageMoveMenu
          label={t('contracts.menu.label', { title: card.title })}
          stages={props.stages}
          current={card.stage}
          firstTerminal={props.firstTerminal}
          stageName={(stage) => stageNameOf(t, phase, stage)}
          onMove={props.onMove}
          history={{ recordType: phase, recordId: card.id, title: card.title }}
        />
      }
    >
      {props.children}
    </StageCard>
  );
}

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
