import BusinessOutlinedIcon from '@mui/icons-material/BusinessOutlined';
import ChecklistIcon from '@mui/icons-material/Checklist';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeliveryCard } from '../../shared/api/contracting-contract';
import { DELIVERY_STAGES, isTerminal, type DeliveryStage } from '../../shared/domain';
import { isAged } from '../stage-board/board-filter';
import { daysInStage, ownerLabel } from '../board/card-facts';
import { ellipsis, iconSx, OwnerRow, ValueDaysRow } from '../contracting/card-rows';
import { ContractingCard } from '../contracting/ContractingCard';
import type { StageMoveProblem } from '../stage-board/use-stage-move';
import { useFormat } from '../i18n/format';

/** Past the board's aging threshold in an open stage (a finished delivery's days are history). */
export function deliveryAged(
  card: DeliveryCard,
  now: number,
  agingDays: number | undefined,
): boolean {
  return (
    agingDays !== undefined &&
    !isTerminal('delivery', card.stage) &&
    isAged(card.stageEnteredAt, now, agingDays)
  );
}
const row = { display: 'flex', alignItems: 'center', gap: 0.5, minWidth: 0 } as const;

/** Contract number and account, contract value and days in stage, milestone progress, owner. */
export function DeliveryCardBody({
  card,
  now,
  me,
  agingDays,
}: {
  card: DeliveryCard;
  now: number;
  me?: string;
  /** The board's aging threshold: past it in an open stage, the days turn amber. */
  agingDays?: number;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const days = daysInStage(card, now);
  const aged = deliveryAged(card, now, agingDays);
  const owner = ownerLabel(t, card, me);
  const { milestonesDone: done, milestonesTotal: total } = card;
  return (
    <>
      <Box sx={{ ...row, mt: 0.25, color: 'text.secondary' }}>
        <BusinessOutlinedIcon sx={iconSx} />
        <Typography variant="body2" sx={{ ...ellipsis, fontSize: 12.5 }}>
          {card.contractNumber && (
            <Box component="span" sx={{ fontWeight: 600, color: 'text.primary' }}>
              {card.contractNumber}
              {' · '}
            </Box>
          )}
          {card.accountName}
        </Typography>
      </Box>
      <ValueDaysRow
        value={card.contractAmount ? format.money(card.contractAmount) : '—'}
        days={days}
        aged={aged}
        agingDays={agingDays}
      />
      <Box sx={{ ...row, mt: 0.75, fontSize: 12, color: 'text.secondary' }}>
        <ChecklistIcon sx={{ ...iconSx, fontSize: 15 }} />
        <span>
          {total > 0
            ? t('delivery.card.progress', { done, total })
            : t('delivery.card.noMilestones')}
        </span>
        {total > 0 && (
          <LinearProgress
            variant="determinate"
            value={(done / total) * 100}
            color={done === total ? 'success' : 'primary'}
            sx={{ flex: 1, ml: 0.5, height: 5, borderRadius: 3 }}
            aria-hidden
          />
        )}
      </Box>
      <OwnerRow owner={owner}>
        <Box
          sx={{
            fontSize: 12,
            color: card.acceptedOn ? 'success.dark' : 'text.secondary',
            flexShrink: 0,
          }}
        >
          {card.acceptedOn
            ? t('delivery.card.acceptedOn', { date: format.shortDate(card.acceptedOn, now) })
            : card.plannedOn
              ? t('delivery.card.plannedOn', { date: format.shortDate(card.plannedOn, now) })
              : null}
        </Box>
      </OwnerRow>
    </>
  );
}

interface DeliveryCardViewProps {
  card: DeliveryCard;
  now: number;
  me?: string;
  /** The board's aging threshold in days. */
  agingDays?: number;
  moving: boolean;
  problem: StageMoveProblem | undefined;
  /** Just moved here by the menu or the keyboard: take the focus back (once). */
  takeFocus?: boolean;
  onFocusTaken?(): void;
  onOpen(card: DeliveryCard): void;
  onMove(card: DeliveryCard, to: DeliveryStage): void;
  onDismissProblem(id: string): void;
}

export const DeliveryCardView = memo(function DeliveryCardView(props: DeliveryCardViewProps) {
  const { card } = props;
  return (
    <ContractingCard
      phase="delivery"
      card={card}
      stages={DELIVERY_STAGES}
      firstTerminal="accepted"
      moving={props.moving}
      problem={props.problem}
      takeFocus={props.takeFocus}
      onFocusTaken={props.onFocusTaken}
      aged={deliveryAged(card, props.now, props.agingDays)}
      onOpen={() => props.onOpen(card)}
      onMove={(to) => props.onMove(card, to)}
      onDismissProblem={() => props.onDismissProblem(card.id)}
    >
      <DeliveryCardBody card={card} now={props.now} me={props.me} agingDays={props.agingDays} />
    </ContractingCard>
  );
});
