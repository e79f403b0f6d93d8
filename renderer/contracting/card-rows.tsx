import HourglassBottomIcon from '@mui/icons-material/HourglassBottom';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AgingDays } from '../stage-board/AgingDays';
import { cardRowSx, OwnerAvatar } from '../stage-board/CardParts';

/**
 * The rows contract and delivery cards share (value with days in stage, owner with a date), so
 * both boards read alike and a fix to one (wrapping at 1366 px, the owner's spoken label) is a
 * fix to both.
 */

export const ellipsis = {
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  whiteSpace: 'nowrap',
} as const;
export const iconSx = { fontSize: 14, color: 'text.disabled', flexShrink: 0 } as const;
const row = { display: 'flex', alignItems: 'center', gap: 0.5, minWidth: 0 } as const;

/** The money on the left, the days in stage on the right (amber past the aging threshold). */
export function ValueDaysRow(props: {
  value: string;
  days: number;
  aged: boolean;
  agingDays: number | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Box
      // A narrow column wraps the days under the amount rather than cut the amount.
      sx={{ ...cardRowSx, gap: 0.5, flexWrap: 'wrap' }}
    >
      <Typography variant="body2" sx={{ fontWeight: 700, fontSize: 13.5, whiteSpace: 'nowrap' }}>
        {props.value}
      </Typography>
      <Box
        sx={{ ...row, flexShrink: 0, ml: 'auto', fontSize: 12, color: 'text.secondary' }}
        title={props.aged ? undefined : t('card.daysInStage', { count: props.days })}
      >
        {props.aged ? (
          <AgingDays days={props.days} limit={props.agingDays ?? 0} aged />
        ) : (
          <>
            <HourglassBottomIcon sx={{ ...iconSx, color: 'inherit', fontSize: 13 }} />
            {t('card.daysShort', { count: props.days })}
          </>
        )}
      </Box>
    </Box>
  );
}

/** The owner (named for screen readers, the avatar is decoration) and a date on the right. */
export function OwnerRow(props: { owner: string; children?: ReactNode }) {
  const { t } = useTranslation();
  const { owner } = props;
  return (
    <Box sx={{ ...cardRowSx, gap: 1 }}>
      <Box sx={{ ...row, fontSize: 12, color: 'text.secondary' }}>
        <OwnerAvatar owner={owner} />
        <Box component="span" sx={ellipsis} aria-label={`${t('card.owner')}: ${owner}`}>
          {owner}
        </Box>
      </Box>
      {props.children}
    </Box>
  );
}
