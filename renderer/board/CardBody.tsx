import BusinessOutlinedIcon from '@mui/icons-material/BusinessOutlined';
import EventOutlinedIcon from '@mui/icons-material/EventOutlined';
import HourglassBottomIcon from '@mui/icons-material/HourglassBottom';
import Box from '@mui/material/Box';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpportunityCard } from '../../shared/api';
import { useFormat } from '../i18n/format';
import { visuallyHidden } from '../app/visually-hidden';
import { AGING_DAYS } from '../stage-board/board-prefs';
import { cardRowSx, OwnerAvatar } from '../stage-board/CardParts';
import { daysInStage, isAging, isOverdue } from './card-facts';

interface CardBodyProps {
  card: OpportunityCard;
  now: number;
  owner: string;
  /** The board's aging threshold in days (board tools); AGING_DAYS when absent. */
  agingDays?: number;
  /** The title line: a button on the board, plain text on the drag overlay. */
  title: ReactNode;
  actions?: ReactNode;
}

const lineSx = { display: 'flex', alignItems: 'center', gap: 0.5, minWidth: 0 } as const;
const iconSx = { fontSize: 14, color: 'text.disabled', flexShrink: 0 } as const;
const ellipsis = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;

/**
 * What a card shows, on the board and under the pointer while dragging. The amount gets a line of
 * its own with the time in stage, the two things a manager scans a column for.
 */
export function CardBody(props: CardBodyProps) {
  const { card, now, owner, title, actions, agingDays = AGING_DAYS } = props;
  const { t } = useTranslation();
  const format = useFormat();
  const days = daysInStage(card, now);
  const aging = isAging(card, now, agingDays);
  const overdue = isOverdue(card, now);
  const closeText = card.expectedClose
    ? t('card.expectedClose', { date: format.isoDate(card.expectedClose) })
    : t('card.noClose');
  return (
    <>
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 0.5 }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>{title}</Box>
        {actions}
      </Box>
      <Box sx={{ ...lineSx, mt: 0.25, color: 'text.secondary' }}>
        <BusinessOutlinedIcon sx={iconSx} />
        <Typography variant="body2" sx={{ ...ellipsis, fontSize: 12.5 }}>
          {card.accountName}
        </Typography>
      </Box>
      <Box sx={{ ...cardRowSx, gap: 0.5 }}>
        <Typography
          variant="body2"
          sx={{
            fontWeight: 700,
            fontSize: 13.5,
            color: card.amount ? 'text.primary' : 'text.secondary',
            ...ellipsis,
          }}
        >
          {card.amount ? format.money(card.amount) : t('card.noAmount')}
        </Typography>
        <Tooltip
          title={
            aging
              ? t('card.aging', { count: days, limit: agingDays })
              : t('card.daysInStage', { count: days })
          }
        >
          <Box
            data-aging={aging || undefined}
            sx={{
              ...lineSx,
              flexShrink: 0,
              fontSize: 12,
              px: aging ? 0.5 : 0,
              borderRadius: 1,
              color: aging ? 'warning.dark' : 'text.secondary',
              bgcolor: aging ? 'rgba(237, 108, 2, 0.12)' : 'transparent',
              fontWeight: aging ? 700 : 400,
            }}
          >
            <HourglassBottomIcon sx={{ ...iconSx, color: 'inherit', fontSize: 13 }} />
            <Box component="span" sx={visuallyHidden}>
              {t('card.daysInStage', { count: days })}
            </Box>
            <span aria-hidden>{t('card.daysShort', { count: days })}</span>
          </Box>
        </Tooltip>
      </Box>
      <Box sx={{ ...cardRowSx, gap: 1 }}>
        <Box sx={{ ...lineSx, fontSize: 12, color: 'text.secondary' }}>
          <OwnerAvatar owner={owner} />
          <Box component="span" sx={ellipsis}>
            <Box component="span" sx={visuallyHidden}>
              {t('card.owner')}
            </Box>
            {owner}
          </Box>
        </Box>
        <Tooltip title={overdue ? `${closeText} · ${t('card.overdue')}` : closeText}>
          <Box
            sx={{
              ...lineSx,
              flexShrink: 0,
              fontSize: 12,
              color: overdue ? 'error.main' : 'text.secondary',
            }}
            data-overdue={overdue || undefined}
          >
            <EventOutlinedIcon sx={{ ...iconSx, color: 'inherit', opacity: 0.8 }} />
            <Box component="span" sx={visuallyHidden}>
              {closeText}
            </Box>
            <span aria-hidden>
              {card.expectedClose ? format.shortDate(card.expectedClose, now) : '—'}
            </span>
          </Box>
        </Tooltip>
      </Box>
      {card.stage === 'lost' && card.lostReason && (
        <Typography
          variant="body2"
          sx={{ mt: 0.75, fontSize: 12, color: 'text.secondary', ...ellipsis }}
        >
          {t('opportunityDialog.lostReasonIs', { reason: card.lostReason })}
        </Typography>
      )}
    </>
  );
}
