import BusinessOutlinedIcon from '@mui/icons-material/BusinessOutlined';
import ChecklistIcon from '@mui/icons-material/Checklist';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import type { DeliveryCard } from '../../shared/api/contracting-contract';
import { ellipsis, iconSx, OwnerRow, ValueDaysRow } from '../contracting/card-rows';
import { useCardFacts, type CardBodyProps } from '../contracting/kind';

const row = { display: 'flex', alignItems: 'center', gap: 0.5, minWidth: 0 } as const;

/** Contract number and account, contract value and days in stage, milestone progress, owner. */
export function DeliveryCardBody(props: CardBodyProps<DeliveryCard>) {
  const { card, now, agingDays } = props;
  const { t, format, days, aged, owner } = useCardFacts('delivery', props);
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
