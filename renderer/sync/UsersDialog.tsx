import CloseIcon from '@mui/icons-material/Close';
import PersonAddAlt1OutlinedIcon from '@mui/icons-material/PersonAddAlt1Outlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role, SyncUser } from '../../shared/sync/protocol';
import type { SyncAccount } from '../../shared/sync/types';
import { useCrm } from '../api/crm-context';
import { crmErrorText } from '../i18n/error-text';
import { AddUserDialog } from './AddUserDialog';
import { ResetPasswordDialog } from './ResetPasswordDialog';
import { UserRow } from './UserRow';
import { VisibilitySetting } from './VisibilitySetting';
import { useSyncCommand } from './use-sync-command';
import { useUsers } from './use-users';

/** Asks before an account is disabled or enabled again, saying what that means for the person. */
function StatusConfirm({
  user,
  busy,
  onConfirm,
  onClose,
}: {
  user: SyncUser;
  busy: boolean;
  onConfirm(): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const enabling = user.disabled;
  const name = user.name;
  return (
    <Dialog open onClose={busy ? undefined : onClose} maxWidth="xs" fullWidth>
      <DialogTitle>
        {enabling ? t('sync.users.enableTitle', { name }) : t('sync.users.disableTitle', { name })}
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          {enabling ? t('sync.users.enableBody', { name }) : t('sync.users.disableBody', { name })}
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus disabled={busy}>
          {t('actions.cancel')}
        </Button>
        <Button
          variant="contained"
          color={enabling ? 'primary' : 'error'}
          disabled={busy}
          startIcon={busy ? <CircularProgress size={14} color="inherit" /> : undefined}
          onClick={onConfirm}
        >
          {enabling ? t('sync.users.enable') : t('sync.users.disable')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** The firm's code, which every colleague types at sign-in: the admin hands it out. */
function FirmCode({ code }: { code: string | undefined }) {
  const { t } = useTranslation();
  if (!code) return null;
  return (
    <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 1.5, mb: 2, flexWrap: 'wrap' }}>
      <Typography variant="body2" component="span">
        {t('sync.users.firmCode')}
      </Typography>
      <Typography
        component="span"
        data-testid="firm-code"
        sx={{ fontFamily: 'monospace', fontWeight: 700, fontSize: '1.1rem', letterSpacing: 2 }}
      >
        {code}
      </Typography>
      <Typography variant="body2" component="span" color="text.secondary">
        {t('sync.users.firmCodeHint')}
      </Typography>
    </Box>
  );
}

/**
 * User administration for the signed-in admin: the organisation's users with their role and
 * status, adding a user, changing a role, disabling or enabling an account and resetting a
 * password. The list is read again after every action, so it always shows the server's state.
 */
export function UsersDialog({ account, onClose }: { account: SyncAccount; onClose(): void }) {
  const { t } = useTranslation();
  const api = useCrm();
  const { users, error, refresh } = useUsers();
  const { busy, run } = useSyncCommand();
  const [adding, setAdding] = useState(false);
  const [confirming, setConfirming] = useState<SyncUser | null>(null);
  const [resetting, setResetting] = useState<SyncUser | null>(null);

  const update = async (
    user: SyncUser,
    patch: { role?: Role; disabled?: boolean; managerId?: string | null },
    success: string,
  ) => {
    await run(
      `update ${user.id}`,
      () => api.invoke('admin/users/update', { id: user.id, patch }),
      success,
    );
    // Refreshed on failure too: the refusal may be because someone else changed the user.
    await refresh();
  };

  const changeRole = (user: SyncUser, role: Role) =>
    void update(
      user,
      { role },
      t('sync.users.roleChanged', { name: user.name, role: t(`sync.roles.${role}`) }),
    );

  const managers = (users ?? []).filter((user) => user.role !== 'rep' && !user.disabled);
  const changeManager = (user: SyncUser, managerId: string | null) => {
    const manager = managers.find((candidate) => candidate.id === managerId);
    void update(
      user,
      { managerId },
      manager
        ? t('sync.users.managerChanged', { name: user.name, manager: manager.name })
        : t('sync.users.managerCleared', { name: user.name }),
    );
  };

  const toggleDisabled = (user: SyncUser) => {
    const disabled = !user.disabled;
    void update(
      user,
      { disabled },
      disabled
        ? t('sync.users.disabledDone', { name: user.name })
        : t('sync.users.enabledDone', { name: user.name }),
    ).finally(() => setConfirming(null));
  };

  return (
    <>
      <Dialog
        open
        onClose={onClose}
        fullWidth
        maxWidth="md"
        aria-labelledby="users-dialog-title"
        slotProps={{ paper: { sx: { minHeight: 360 } } }}
      >
        {/* Named by the title's text alone, not by the buttons beside it. */}
        <DialogTitle
          id="users-dialog-heading"
          sx={{ display: 'flex', alignItems: 'center', gap: 2 }}
        >
          <Box component="span" id="users-dialog-title" sx={{ flex: 1 }}>
            {t('sync.users.title')}
          </Box>
          <Button
            variant="contained"
            size="small"
            startIcon={<PersonAddAlt1OutlinedIcon />}
            disabled={users === undefined}
            onClick={() => setAdding(true)}
          >
            {t('sync.users.add')}
          </Button>
          <IconButton aria-label={t('actions.close')} onClick={onClose} edge="end">
            <CloseIcon />
          </IconButton>
        </DialogTitle>
        <DialogContent dividers>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {t('sync.users.intro', { org: account.orgName })}
          </Typography>
          <FirmCode code={account.firmCode ?? users?.[0]?.firmCode} />
          <VisibilitySetting />
          {error && (
            <Alert
              severity="error"
              sx={{ mb: 2 }}
              action={
                <Button color="inherit" size="small" onClick={() => void refresh()}>
                  {t('sync.users.retry')}
                </Button>
              }
            >
              {crmErrorText(t, error)}
            </Alert>
          )}
          {users === undefined && !error && (
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, py: 2 }}>
              <CircularProgress size={20} />
              <Typography color="text.secondary">{t('sync.users.loading')}</Typography>
            </Box>
          )}
          {users !== undefined && (
            <TableContainer>
              <Table size="small" aria-label={t('sync.users.listLabel')}>
                <TableHead>
                  <TableRow>
                    <TableCell>{t('sync.users.columns.name')}</TableCell>
                    <TableCell>{t('sync.users.columns.username')}</TableCell>
                    <TableCell>{t('sync.users.columns.role')}</TableCell>
                    <TableCell>{t('sync.users.columns.manager')}</TableCell>
                    <TableCell>{t('sync.users.columns.status')}</TableCell>
                    <TableCell align="right">{t('sync.users.columns.actions')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {users.map((user) => (
                    <UserRow
                      key={user.id}
                      user={user}
                      self={user.id === account.userId}
                      busy={busy !== null}
                      managers={managers}
                      onRole={(role) => changeRole(user, role)}
                      onManager={(managerId) => changeManager(user, managerId)}
                      onToggleDisabled={() => setConfirming(user)}
                      onResetPassword={() => setResetting(user)}
                    />
                  ))}
                  {users.length === 0 && (
                    <TableRow>
                      <TableCell colSpan={6}>
                        <Typography color="text.secondary">{t('sync.users.empty')}</Typography>
                      </TableCell>
                    </TableRow>
                  )}
                </TableBody>
              </Table>
            </TableContainer>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('actions.close')}</Button>
        </DialogActions>
      </Dialog>
      {adding && (
        <AddUserDialog
          onClose={() => setAdding(false)}
          onCreated={() => {
            setAdding(false);
            void refresh();
          }}
        />
      )}
      {confirming && (
        <StatusConfirm
          user={confirming}
          busy={busy !== null}
          onClose={() => setConfirming(null)}
          onConfirm={() => toggleDisabled(confirming)}
        />
      )}
      {resetting && (
        <ResetPasswordDialog
          user={resetting}
          onClose={() => {
            setResetting(null);
            void refresh();
          }}
        />
      )}
    </>
  );
}
