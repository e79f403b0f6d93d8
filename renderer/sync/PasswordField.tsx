import VisibilityOffOutlinedIcon from '@mui/icons-material/VisibilityOffOutlined';
import VisibilityOutlinedIcon from '@mui/icons-material/VisibilityOutlined';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from '../../shared/api';
import type { CommandForm } from '../forms/use-command-form';

/**
 * A new password an admin sets for someone else, hidden by default with a button to show it: the
 * admin has to read it out to the colleague, but not to whoever stands behind them.
 */
export function PasswordField<V extends { password: string }>({
  form,
  idPrefix,
  label,
  autoFocus,
}: {
  form: CommandForm<V>;
  idPrefix: string;
  label: string;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  const error = form.errorFor('password');
  return (
    <TextField
      id={`${idPrefix}-password`}
      name="password"
      label={label}
      value={form.values.password}
      onChange={(e) => form.set('password', e.target.value as V['password'])}
      onBlur={() => form.touch('password')}
      error={Boolean(error)}
      helperText={error ?? t('sync.users.passwordHint', { min: PASSWORD_MIN_LENGTH })}
      type={shown ? 'text' : 'password'}
      required
      autoFocus={autoFocus}
      slotProps={{
        htmlInput: { autoComplete: 'new-password', spellCheck: false },
        input: {
          endAdornment: (
            <InputAdornment position="end">
              <IconButton
                edge="end"
                aria-label={shown ? t('sync.users.hidePassword') : t('sync.users.showPassword')}
                aria-pressed={shown}
                onClick={() => setShown((value) => !value)}
              >
                {shown ? <VisibilityOffOutlinedIcon /> : <VisibilityOutlinedIcon />}
              </IconButton>
            </InputAdornment>
          ),
        },
      }}
    />
  );
}
