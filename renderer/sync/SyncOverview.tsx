import LoginOutlinedIcon from '@mui/icons-material/LoginOutlined';
import LogoutOutlinedIcon from '@mui/icons-material/LogoutOutlined';
import ManageAccountsOutlinedIcon from '@mui/icons-material/ManageAccountsOutlined';
import ScheduleOutlinedIcon from '@mui/icons-material/ScheduleOutlined';
import SyncOutlinedIcon from '@mui/icons-material/SyncOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Divider from '@mui/material/Divider';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REMINDER_TIME } from '../../shared/api';
import type { SyncStatus } from '../../shared/sync/types';
import { useCrm } from '../api/crm-context';
import { useNow } from '../app/use-now';
import { useFormat } from '../i18n/format';
import { SignOutDialog } from './SignOutDialog';
import { useSync } from './sync-context';
import { stateText } from './sync-text';
import { useSyncCommand } from './use-sync-command';
import { UsersDialog } from './UsersDialog';

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <>
      <Typography component="dt" variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography component="dd" variant="body2" sx={{ m: 0, overflowWrap: 'anywhere' }}>
        {value}
      </Typography>
    </>
  );
}

/**
 * The end-of-day reminder time, typed as 24-hour "HH:MM" and saved when the field is left (or on
 * Enter). Not a native time input: its 12/24-hour format follows the operating system, not the
 * app's language, so the same field would read "6:00 PM" in a Chinese UI on some machines.
 */
function ReminderTime({ saved }: { saved: string }) {
  const { t } = useTranslation();
  const api = useCrm();
  const { run } = useSyncCommand();
  const [value, setValue] = useState(saved);
  const typed = value.trim();
  const valid = REMINDER_TIME.test(typed);
  const save = () => {
    if (!valid || typed === saved) return;
    void run(
      'reminder',
      () => api.invoke('sync/reminder/set', { at: typed }),
      t('sync.reminder.saved', { time: typed }),
    );
  };
  return (
    <TextField
      id="sync-reminder-at"
      size="small"
      label={t('sync.reminder.label')}
      value={value}
      placeholder="18:00"
      onChange={(e) => setValue(e.target.value)}
      onBlur={save}
      onKeyDown={(e) => {
        if (e.key === 'Enter') save();
      }}
      error={!valid}
      helperText={valid ? t('sync.reminder.hint') : t('sync.reminder.invalid')}
      slotProps={{
        htmlInput: { inputMode: 'numeric', maxLength: 5, autoComplete: 'off' },
        input: {
          startAdornment: (
            <ScheduleOutlinedIcon fontSize="small" sx={{ mr: 1, color: 'text.secondary' }} />
          ),
        },
      }}
      sx={{ maxWidth: 300 }}
    />
  );
}

/** Where sync stands, the account, "Sync now", sign-out and the reminder time. */
export function SyncOverview({ status }: { status: SyncStatus }) {
  const { t, i18n } = useTranslation();
  const api = useCrm();
  const sync = useSync();
  const format = useFormat();
  const now = useNow();
  const { busy, run } = useSyncCommand();
  const [signingOut, setSigningOut] = useState(false);
  const [managingUsers, setManagingUsers] = useState(false);
  const { account } = status;

  if (!account) {
    return (
      <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
        <Typography variant="subtitle1" sx={{ fontWeight: 700 }}>
          {t('sync.panel.signedOutTitle')}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {t('sync.panel.signedOutIntro')}
        </Typography>
        <Box>
          <Button variant="contained" startIcon={<LoginOutlinedIcon />} onClick={sync.openSignIn}>
            {t('sync.panel.signIn')}
          </Button>
        </Box>
      </Box>
    );
  }

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 2 }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography variant="subtitle1" sx={{ fontWeight: 700 }}>
            {stateText(t, status, i18n.language, now)}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {status.pendingChanges > 0
              ? t('sync.control.pending', { count: status.pendingChanges })
              : t('sync.panel.allOnServer')}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {status.lastSyncedAt === undefined
              ? t('sync.panel.neverSynced')
              : t('sync.panel.lastSynced', { time: format.dateTime(status.lastSyncedAt) })}
          </Typography>
          {status.lastError && (
            <Typography variant="body2" color="error" sx={{ mt: 0.5 }}>
              {t('sync.panel.lastError', { message: status.lastError })}
            </Typography>
          )}
        </Box>
        <Button
          variant="contained"
          disabled={busy !== null}
          startIcon={
            busy === 'now' ? <CircularProgress size={14} color="inherit" /> : <SyncOutlinedIcon />
          }
          onClick={() =>
            void run('now', () => api.invoke('sync/now', {}), t('sync.panel.syncDone'))
          }
          sx={{ flexShrink: 0 }}
        >
          {busy === 'now' ? t('sync.panel.syncing') : t('sync.panel.syncNow')}
        </Button>
      </Box>
      <Divider />
      <Box>
        <Typography variant="overline" color="text.secondary">
          {t('sync.panel.account')}
        </Typography>
        <Typography sx={{ fontWeight: 700 }}>
          {account.name}{' '}
          <Typography component="span" variant="body2" color="text.secondary">
            ({account.username})
          </Typography>
        </Typography>
        <Box
          component="dl"
          sx={{
            display: 'grid',
            gridTemplateColumns: 'auto 1fr',
            columnGap: 2,
            rowGap: 0.5,
            my: 1,
          }}
        >
          <Fact label={t('sync.panel.organisation')} value={account.orgName} />
          <Fact label={t('sync.panel.role')} value={t(`sync.roles.${account.role}`)} />
          <Fact label={t('sync.panel.server')} value={account.serverUrl} />
        </Box>
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
          {/* The server allows user administration to admins only; nobody else sees it. */}
          {account.role === 'admin' && (
            <Button
              variant="outlined"
              size="small"
              startIcon={<ManageAccountsOutlinedIcon />}
              onClick={() => setManagingUsers(true)}
            >
              {t('sync.users.open')}
            </Button>
          )}
          <Button
            variant="outlined"
            color="inherit"
            size="small"
            startIcon={<LogoutOutlinedIcon />}
            onClick={() => setSigningOut(true)}
          >
            {t('sync.panel.signOut')}
          </Button>
        </Box>
      </Box>
      <Divider />
      <ReminderTime key={status.reminderAt} saved={status.reminderAt} />
      {managingUsers && account.role === 'admin' && (
        <UsersDialog account={account} onClose={() => setManagingUsers(false)} />
      )}
      {signingOut && (
        <SignOutDialog
          pendingChanges={status.pendingChanges}
          onClose={() => setSigningOut(false)}
          onSignedOut={(removed) => {
            setSigningOut(false);
            // The host opened a fresh database in place of the removed one: every live query
            // must start over on it, and a reload is the one way that is sure to.
            if (removed) window.location.reload();
          }}
        />
      )}
    </Box>
  );
}
