import WarningAmberIcon from '@mui/icons-material/WarningAmberRounded';
import Box from '@mui/material/Box';
import Tooltip from '@mui/material/Tooltip';
import { useTranslation } from 'react-i18next';
import { isOverWip } from './board-filter';

const badgeSx = {
  minWidth: 22,
  px: 0.75,
  borderRadius: 5,
  bgcolor: 'background.paper',
  fontSize: 12,
  fontWeight: 700,
  textAlign: 'center',
  color: 'text.secondary',
  whiteSpace: 'nowrap',
} as const;

interface ColumnCountProps {
  /** Cards shown (after filters). */
  count: number;
  /** Cards in the stage (before filters): what the WIP limit counts. */
  total: number;
  filtered: boolean;
  countLabel: string;
  wipLimit: number | undefined;
}

/**
 * The header's figures. Without a WIP limit: the count (and "of N" when filters hide cards).
 * With one: "7 / 5", stage total over limit, amber with a tooltip once over. The limit counts the
 * whole stage, not what the filters leave: hiding other people's cards does not shrink the queue.
 */
export function ColumnCount({ count, total, filtered, countLabel, wipLimit }: ColumnCountProps) {
  const { t } = useTranslation();
  const over = isOverWip(total, wipLimit);
  const showCount = wipLimit === undefined || filtered;
  const wipText =
    wipLimit === undefined
      ? ''
      : over
        ? t('boardTools.wipOver', { total, limit: wipLimit, over: total - wipLimit })
        : t('boardTools.wipWithin', { total, limit: wipLimit });
  return (
    <>
      {showCount && (
        <Box
          component="span"
          aria-label={
            filtered && count !== total
              ? t('boardTools.countFiltered', { shown: count, total })
              : countLabel
          }
          sx={badgeSx}
        >
          {count}
        </Box>
      )}
      {filtered && count !== total && wipLimit === undefined && (
        <Box component="span" aria-hidden sx={{ fontSize: 12, color: 'text.secondary' }}>
          {t('boardTools.ofTotal', { total })}
        </Box>
      )}
      {wipLimit !== undefined && (
        <Tooltip title={wipText}>
          <Box
            component="span"
            tabIndex={0}
            aria-label={wipText}
            data-wip-over={over || undefined}
            sx={{
              ...badgeSx,
              display: 'inline-flex',
              alignItems: 'center',
              gap: 0.25,
              border: '1px solid',
              borderColor: over ? 'warning.main' : 'transparent',
              bgcolor: over ? '#fff3e0' : 'background.paper',
              color: over ? 'warning.dark' : 'text.secondary',
              '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main' },
            }}
          >
            {over && <WarningAmberIcon sx={{ fontSize: 14 }} />}
            {`${total} / ${wipLimit}`}
          </Box>
        </Tooltip>
      )}
    </>
  );
}
