import BusinessOutlinedIcon from '@mui/icons-material/BusinessOutlined';
import ChecklistIcon from '@mui/icons-material/Checklist';
import HourglassBottomIcon from '@mui/icons-material/HourglassBottom';
import Avatar from '@mui/material/Avatar';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeliveryCard } from '../../shared/api/contracting-contract';
import { DELIVERY_STAGES, isTerminal, type DeliveryStage } from '../../shared/domain';
import { AgingDays } from '../board/AgingDays';
import { isAged } from '../board/board-filter';
import { daysInStage, ownerLabel } from '../board/card-facts';
import { deliveryStageName } from '../contracts/contract-text';
import { StageCard } from '../contracts/StageCard';
import { StageMoveMenu } from '../contracts/StageMoveMenu';
import type { StageMoveProblem } from '../contracts/use-stage-move';
import { useFormat } from '../i18n/format';

const ellipsis = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;
const iconSx = { fontSize: 14, color: 'text.disabled', flexShrink: 0 } as const;

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
      <Box
        sx={{
          display: 'flex',
          justifyContent: 'space-between',
          alignItems: 'center',
          gap: 0.5,
          // A narrow column wraps the days under the amount rather than cut the amount.
          flexWrap: 'wrap',
          mt: 0.75,
        }}
      >
        <Typography variant="body2" sx={{ fontWeight: 700, fontSize: 13.5, whiteSpace: 'nowrap' }}>
          {card.contractAmount ? format.money(card.contractAmount) : '—'}
        </Typography>
        <Box
          sx={{ ...row, flexShrink: 0, ml: 'auto', fontSize: 12, color: 'text.secondary' }}
          title={aged ? undefined : t('card.daysInStage', { count: days })}
        >
          {aged ? (
            <AgingDays days={days} limit={agingDays ?? 0} aged />
          ) : (
            <>
              <HourglassBottomIcon sx={{ ...iconSx, color: 'inherit', fontSize: 13 }} />
              {t('card.daysShort', { count: days })}
            </>
          )}
        </Box>
      </Box>
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
      <Box
        sx={{
          display: 'flex',
          justifyContent: 'space-between',
          alignItems: 'center',
          gap: 1,
          mt: 0.75,
        }}
      >
        <Box sx={{ ...row, fontSize: 12, color: 'text.secondary' }}>
          <Avatar
            sx={{ width: 18, height: 18, fontSize: 10.5, bgcolor: 'secondary.light' }}
            aria-hidden
          >
            {owner.slice(0, 1).toUpperCase()}
          </Avatar>
          <Box component="span" sx={ellipsis} aria-label={`${t('card.owner')}: ${owner}`}>
            {owner}
          </Box>
        </Box>
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
      </Box>
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
  onOpen(card: DeliveryCard): void;
  onMove(card: DeliveryCard, to: DeliveryStage): void;
  onDismissProblem(id: string): void;
}

export const DeliveryCardView = memo(function DeliveryCardView(props: DeliveryCardViewProps) {
  const { t } = useTranslation();
  const { card } = props;
  return (
    <StageCard
      phase="delivery"
      card={{ id: card.id, title: card.title, stage: card.stage }}
      label={t('delivery.card.label', { title: card.title })}
      openLabel={t('delivery.card.open', { title: card.title })}
      moving={props.moving}
      problem={props.problem}
      aged={deliveryAged(card, props.now, props.agingDays)}
      onOpen={() => props.onOpen(card)}
      onFix={() => props.onOpen(card)}
      onDismissProblem={() => props.onDismissProblem(card.id)}
      menu={
        <StageMoveMenu
          label={t('contracts.menu.label', { title: card.title })}
          stages={DELIVERY_STAGES}
          current={card.stage}
          firstTerminal="accepted"
          stageName={(stage) => deliveryStageName(t, stage)}
          onMove={(to) => props.onMove(card, to)}
          history={{ recordType: 'delivery', recordId: card.id, title: card.title }}
        />
      }
    >
      <DeliveryCardBody card={card} now={props.now} me={props.me} agingDays={props.agingDays} />
    </StageCard>
  );
});
