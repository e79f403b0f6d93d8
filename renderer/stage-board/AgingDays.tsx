import HourglassBottomIcon from '@mui/icons-material/HourglassBottom';
import Box from '@mui/material/Box';
import Tooltip from '@mui/material/Tooltip';
import { useTranslation } from 'react-i18next';

/**
 * How an aged card stands out: a warm tint and an amber edge, calm enough that a column of them
 * still reads, clear enough to spot at a glance. Spread into the card's sx.
 */
export const agedCardSx = {
  bgcolor: '#fffaf0',
  borderColor: '#f3c27a',
  boxShadow: 'inset 3px 0 0 #ed9c28',
} as const;

/** "12天" on a card; past the threshold it turns amber with an hourglass and says why. */
export function AgingDays({ days, limit, aged }: { days: number; limit: number; aged: boolean }) {
  const { t } = useTranslation();
  const text = t('card.daysShort', { count: days });
  if (!aged) return <span>{text}</span>;
  const why = t('boardTools.aged', { count: days, limit });
  return (
    <Tooltip title={why}>
      <Box
        component="span"
        data-aged
        role="img"
        aria-label={why}
        sx={{
          display: 'inline-flex',
          alignItems: 'center',
          gap: 0.25,
          px: 0.5,
          borderRadius: 1,
          color: 'warning.dark',
          bgcolor: 'rgba(237, 108, 2, 0.12)',
          fontWeight: 700,
        }}
      >
        <HourglassBottomIcon sx={{ fontSize: 13 }} />
        {text}
      </Box>
    </Tooltip>
  );
}
