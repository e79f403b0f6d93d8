import BusinessOutlinedIcon from '@mui/icons-material/BusinessOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContractCard } from '../../shared/api/contracting-contract';
import { SIGNED_STAGES } from '../../shared/domain/contracts';
import { CONTRACT_STAGES, isTerminal, type ContractStage } from '../../shared/domain';
import { isAged } from '../stage-board/board-filter';
import { daysInStage, ownerLabel } from '../board/card-facts';
import { useFormat } from '../i18n/format';
import { ellipsis, iconSx, OwnerRow, ValueDaysRow } from '../contracting/card-rows';
import { ContractingCard } from '../contracting/ContractingCard';
import type { StageMoveProblem } from '../stage-board/use-stage-move';

/** Past the board's aging threshold in an open stage (a finished contract's days are history). */
export function contractAged(
  card: ContractCard,
  now: number,
  agingDays: number | undefined,
): boolean {
  return (
    agingDays !== undefined &&
    !isTerminal('contract', card.stage) &&
    isAged(card.stageEnteredAt, now, agingDays)
  );
}

/** A signing stamped but not finished (contract-sign.ts): the card offers to finish it. */
export function signingUnfinished(card: ContractCard): boolean {
  return (
    card.deliveryId !== undefined &&
    !SIGNED_STAGES.includes(card.stage) &&
    card.stage !== 'terminated'
  );
}

/** The lines under the title: number and account, amount and days in stage, owner. */
export function ContractCardBody({
  card,
  now,
  me,
  agingDays,
}: {
  card: ContractCard;
  now: number;
  me?: string;
  /** The board's aging threshold: past it in an open stage, the days turn amber. */
  agingDays?: number;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const days = daysInStage(card, now);
  const aged = contractAged(card, now, agingDays);
  const owner = ownerLabel(t, card, me);
  return (
    <>
      <Box
        sx={{
          display: 'flex',
          alignItems: 'center',
          gap: 0.5,
          mt: 0.25,
          color: 'text.secondary',
          minWidth: 0,
        }}
      >
        <BusinessOutlinedIcon sx={iconSx} />
        <Typography variant="body2" sx={{ ...ellipsis, fontSize: 12.5 }}>
          <Box
            component="span"
            sx={{ fontWeight: 600, color: card.number ? 'text.primary' : 'text.secondary' }}
          >
            {card.number || t('contracts.card.noNumber')}
          </Box>
          {' · '}
          {card.accountName}
        </Typography>
      </Box>
      <ValueDaysRow
        value={format.money(card.amount)}
        days={days}
        aged={aged}
        agingDays={agingDays}
      />
      <OwnerRow owner={owner}>
        {card.signedOn && (
          <Box sx={{ fontSize: 12, color: 'text.secondary', flexShrink: 0 }}>
            {t('contracts.card.signedOn', { date: format.shortDate(card.signedOn, now) })}
          </Box>
        )}
      </OwnerRow>
      {card.stage === 'terminated' && card.terminatedReason && (
        <Typography
          variant="body2"
          sx={{ mt: 0.75, fontSize: 12, color: 'text.secondary', ...ellipsis }}
        >
          {t('contracts.card.terminatedReason', { reason: card.terminatedReason })}
        </Typography>
      )}
    </>
  );
}

interface ContractCardViewProps {
  card: ContractCard;
  now: number;
  me?: string;
  /** The board's aging threshold in days. */
  agingDays?: number;
  moving: boolean;
  problem: StageMoveProblem | undefined;
  /** Just moved here by the menu or the keyboard: take the focus back (once). */
  takeFocus?: boolean;
  onFocusTaken?(): void;
  onOpen(card: ContractCard): void;
  onMove(card: ContractCard, to: ContractStage): void;
  onFinishSigning(card: ContractCard): void;
  onDismissProblem(id: string): void;
}

export const ContractCardView = memo(function ContractCardView(props: ContractCardViewProps) {
  const { t } = useTranslation();
  const { card } = props;
  const unfinished = signingUnfinished(card);
  return (
    <ContractingCard
      phase="contract"
      card={card}
      stages={CONTRACT_STAGES}
      firstTerminal="completed"
      moving={props.moving}
      problem={props.problem}
      takeFocus={props.takeFocus}
      onFocusTaken={props.onFocusTaken}
      aged={contractAged(card, props.now, props.agingDays)}
      warn={unfinished}
      onOpen={() => props.onOpen(card)}
      onMove={(to) => props.onMove(card, to)}
      onDismissProblem={() => props.onDismissProblem(card.id)}
    >
      <ContractCardBody card={card} now={props.now} me={props.me} agingDays={props.agingDays} />
      {unfinished && (
        <Alert severity="warning" icon={false} sx={{ mt: 1, py: 0, px: 1 }}>
          {t('contracts.card.unfinished')}
          <Button
            size="small"
            variant="outlined"
            color="warning"
            data-card-action
            onClick={() => props.onFinishSigning(card)}
            sx={{ display: 'block', mt: 0.5, py: 0, bgcolor: 'background.paper' }}
          >
            {t('contracts.card.finish')}
          </Button>
        </Alert>
      )}
    </ContractingCard>
  );
});
