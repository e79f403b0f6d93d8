import BlockOutlinedIcon from '@mui/icons-material/BlockOutlined';
import HowToRegOutlinedIcon from '@mui/icons-material/HowToRegOutlined';
import LockResetOutlinedIcon from '@mui/icons-material/LockResetOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role, type SyncUser } from '../../shared/sync/protocol';

export interface UserRowProps {
  user: SyncUser;
  /** The signed-in admin's own row: shown, but not changed here (that could lock them out). */
  self: boolean;
  /** An action is running: every other one waits. */
  busy: boolean;
  /** Who may be this user's manager: the organisation's managers and admins (not the user). */
  managers: readonly SyncUser[];
  onRole(role: Role): void;
  onManager(managerId: string | null): void;
  onToggleDisabled(): void;
  onResetPassword(): void;
}

/** One user: name, username, role (a select), status, and disable/enable and reset password. */
export function UserRow({
  user,
  self,
  busy,
  managers,
  onRole,
  onManager,
  onToggleDisabled,
  onResetPassword,
}: UserRowProps) {
  const { t } = useTranslation();
  return (
    <TableRow hover sx={user.disabled ? { '& td, & th': { color: 'text.secondary' } } : undefined}>
      <TableCell component="th" scope="row" sx={{ fontWeight: 600 }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          <span>{user.name}</span>
          {self && <Chip size="small" label={t('sync.users.you')} />}
        </Box>
      </TableCell>
      <TableCell sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}>
        {user.username}
      </TableCell>
      <TableCell>
        {self ? (
          t(`sync.roles.${user.role}`)
        ) : (
          <TextField
            select
            size="small"
            variant="standard"
            value={user.role}
            disabled={busy}
            onChange={(e) => onRole(e.target.value as Role)}
            slotProps={{
              select: { native: true },
              htmlInput: { 'aria-label': t('sync.users.roleLabel', { name: user.name }) },
            }}
            // The table's text size, not a form field's.
            sx={{ minWidth: 112, '& .MuiInputBase-root': { typography: 'body2' } }}
          >
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`sync.roles.${role}`)}
              </option>
            ))}
          </TextField>
        )}
      </TableCell>
      <TableCell>
        <TextField
          select
          size="small"
          variant="standard"
          value={user.managerId ?? ''}
          disabled={busy}
          onChange={(e) => onManager(e.target.value === '' ? null : e.target.value)}
          slotProps={{
            select: { native: true },
            htmlInput: { 'aria-label': t('sync.users.managerLabel', { name: user.name }) },
          }}
          sx={{ minWidth: 112, '& .MuiInputBase-root': { typography: 'body2' } }}
        >
          <option value="">{t('sync.users.noManager')}</option>
          {managers
            .filter((manager) => manager.id !== user.id)
            .map((manager) => (
              <option key={manager.id} value={manager.id}>
                {manager.name}
              </option>
            ))}
        </TextField>
      </TableCell>
      <TableCell>
        <Chip
          size="small"
          variant="outlined"
          color={user.disabled ? 'default' : 'success'}
          label={user.disabled ? t('sync.users.disabled') : t('sync.users.active')}
        />
      </TableCell>
      <TableCell align="right">
        {self ? (
          <Typography variant="caption" color="text.secondary">
            {t('sync.users.selfHint')}
          </Typography>
        ) : (
          <Box
            role="group"
            aria-label={t('sync.users.actionsFor', { name: user.name })}
            sx={{ display: 'flex', gap: 1, justifyContent: 'flex-end', flexWrap: 'wrap' }}
          >
            <Button
              size="small"
              color={user.disabled ? 'primary' : 'error'}
              disabled={busy}
              startIcon={user.disabled ? <HowToRegOutlinedIcon /> : <BlockOutlinedIcon />}
              onClick={onToggleDisabled}
            >
              {user.disabled ? t('sync.users.enable') : t('sync.users.disable')}
            </Button>
            <Button
              size="small"
              disabled={busy}
              startIcon={<LockResetOutlinedIcon />}
              onClick={onResetPassword}
            >
              {t('sync.users.resetPassword')}
            </Button>
          </Box>
        )}
      </TableCell>
    </TableRow>
  );
}
