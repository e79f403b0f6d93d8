import CallSplitOutlinedIcon from '@mui/icons-material/CallSplitOutlined';
import CloudDoneOutlinedIcon from '@mui/icons-material/CloudDoneOutlined';
import CloudOffOutlinedIcon from '@mui/icons-material/CloudOffOutlined';
import ErrorOutlineOutlinedIcon from '@mui/icons-material/ErrorOutlineOutlined';
import LoginOutlinedIcon from '@mui/icons-material/LoginOutlined';
import SyncOutlinedIcon from '@mui/icons-material/SyncOutlined';
import WarningAmberOutlinedIcon from '@mui/icons-material/WarningAmberOutlined';
import Badge from '@mui/material/Badge';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Tooltip from '@mui/material/Tooltip';
import { keyframes } from '@mui/material/styles';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncState } from '../../shared/sync/types';
import { useNow } from '../app/use-now';
import { visuallyHidden } from '../app/visually-hidden';
import { currentLanguage } from '../i18n/i18n';
import { useSync } from './sync-context';
import { stateText, statusSummary } from './sync-text';

const spin = keyframes`from { transform: rotate(0deg); } to { transform: rotate(-360deg); }`;

const STATE_ICON: Record<SyncState, ReactNode> = {
  signedOut: <LoginOutlinedIcon fontSize="small" />,
  offline: <CloudOffOutlinedIcon fontSize="small" />,
  syncing: (
    <SyncOutlinedIcon
      fontSize="small"
      sx={{
        animation: `${spin} 1.2s linear infinite`,
        '@media (prefers-reduced-motion: reduce)': { animation: 'none' },
      }}
    />
  ),
  synced: <CloudDoneOutlinedIcon fontSize="small" />,
  error: <ErrorOutlineOutlinedIcon fontSize="small" />,
};

const STATE_COLOR: Record<SyncState, 'primary' | 'inherit' | 'success' | 'error'> = {
  signedOut: 'primary',
  offline: 'inherit',
  syncing: 'primary',
  synced: 'success',
  error: 'error',
};

/** A count next to the control (problems, conflicts), hidden at zero. */
function Count({ icon, count, color }: { icon: ReactNode; count: number; color: string }) {
  if (count <= 0) return null;
  return (
    <Box
      component="span"
      aria-hidden
      sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.25, color, fontWeight: 700 }}
    >
      {icon}
      {count}
    </Box>
  );
}

/**
 * The sync status in the app bar, always in sight: offline / syncing / synced at HH:MM / sign in,
 * a badge with the local changes not yet on the server, and the problems and conflicts waiting.
 * It opens the sync panel (or, for someone not signed in with nothing to review, the sign-in).
 */
export function SyncStatusButton() {
  const { t, i18n } = useTranslation();
  const sync = useSync();
  // "Synced at 14:05" turns into a date after midnight; a minute's precision is enough.
  const now = useNow();
  const { status } = sync;
  if (!sync.available || !status) return null;
  const language = currentLanguage(i18n);
  const summary = statusSummary(t, status, language, now);
  const state = stateText(t, status, language, now);
  // Named by its content, not an aria-label: the whole sentence for screen readers, then what is
  // on screen (its state, which is in that sentence, and counts already said there) hidden from
  // them. So what a speech user reads off the control is part of its name.
  const label = t('sync.control.label', { summary });
  const nothingToReview = status.problems === 0 && status.conflicts === 0;
  const open = () =>
    status.state === 'signedOut' && nothingToReview
      ? sync.openSignIn()
      : sync.openPanel(
          status.problems > 0 ? 'problems' : status.conflicts > 0 ? 'conflicts' : 'overview',
        );

  return (
    <Tooltip describeChild title={status.lastError ? `${summary} — ${status.lastError}` : summary}>
      <Button
        size="small"
        variant={status.state === 'signedOut' ? 'outlined' : 'text'}
        color={STATE_COLOR[status.state]}
        onClick={open}
        data-sync-state={status.state}
        startIcon={
          // The count is in the control's name already; as visible text it would not match it.
          <Badge
            aria-hidden
            badgeContent={status.pendingChanges}
            color="warning"
            max={999}
            sx={{ '& .MuiBadge-badge': { fontSize: 10, height: 16, minWidth: 16, px: 0.5 } }}
          >
            {STATE_ICON[status.state]}
          </Badge>
        }
        sx={{ whiteSpace: 'nowrap', gap: 0.5, textTransform: 'none' }}
      >
        <Box component="span" sx={visuallyHidden}>
          {label}
        </Box>
        <span aria-hidden>{state}</span>
        <Count
          icon={<WarningAmberOutlinedIcon sx={{ fontSize: 16 }} />}
          count={status.problems}
          color="error.main"
        />
        <Count
          icon={<CallSplitOutlinedIcon sx={{ fontSize: 16 }} />}
          count={status.conflicts}
          color="warning.dark"
        />
      </Button>
    </Tooltip>
  );
}
