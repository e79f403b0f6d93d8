import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Activity } from '../../shared/domain';
import { KIND_COLORS, KIND_ICONS } from './kind-icons';

interface ActivityRowProps {
  activity: Activity;
  /** When it is due, already worded for the list it is in ("09:30", "11月28日 14:00"). */
  when?: string;
  overdue?: boolean;
  /** The record it is about, as a link (My day); a record's own list leaves it out. */
  about?: ReactNode;
  busy?: boolean;
  onToggle(done: boolean): void;
  onEdit(): void;
}

/** One activity: check it off, read what and when, open it; done ones are struck through. */
export function ActivityRow({
  activity,
  when,
  overdue,
  about,
  busy,
  onToggle,
  onEdit,
}: ActivityRowProps) {
  const { t } = useTranslation();
  const Icon = KIND_ICONS[activity.kind];
  const { done, subject } = activity;
  return (
    <Box
      component="li"
      aria-label={subject}
      sx={{
        display: 'grid',
        gridTemplateColumns: 'auto auto 1fr',
        alignItems: 'start',
        columnGap: 1,
        py: 0.75,
        borderBottom: 1,
        borderColor: 'divider',
        '&:last-of-type': { borderBottom: 0 },
      }}
    >
      <Checkbox
        size="small"
        checked={done}
        disabled={busy}
        onChange={(e) => onToggle(e.target.checked)}
        slotProps={{ input: { 'aria-label': t('activities.list.markDone', { subject }) } }}
        sx={{ p: 0.5, mt: -0.25 }}
      />
      <Icon
        fontSize="small"
        color={done ? 'disabled' : KIND_COLORS[activity.kind]}
        titleAccess={t(`activities.kinds.${activity.kind}`)}
        sx={{ mt: 0.25 }}
      />
      <Box sx={{ minWidth: 0 }}>
        <Link
          component="button"
          type="button"
          underline="hover"
          onClick={onEdit}
          aria-label={t('activities.list.edit', { subject })}
          sx={{
            textAlign: 'left',
            fontWeight: 600,
            fontSize: 14,
            color: done ? 'text.secondary' : 'text.primary',
            textDecoration: done ? 'line-through' : undefined,
            wordBreak: 'break-word',
          }}
        >
          {subject}
        </Link>
        <Box
          sx={{
            display: 'flex',
            flexWrap: 'wrap',
            alignItems: 'center',
            columnGap: 1,
            fontSize: 12.5,
            color: 'text.secondary',
          }}
        >
          {when && (
            <Typography
              component="span"
              variant="caption"
              sx={{
                fontWeight: overdue ? 700 : 500,
                color: overdue && !done ? 'error.main' : 'inherit',
                fontVariantNumeric: 'tabular-nums',
              }}
            >
              {when}
              {overdue && !done ? ` · ${t('activities.list.overdue')}` : ''}
            </Typography>
          )}
          {about}
        </Box>
        {activity.notes && !done && (
          <Typography
            variant="caption"
            color="text.secondary"
            component="div"
            sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
          >
            {activity.notes}
          </Typography>
        )}
      </Box>
    </Box>
  );
}
