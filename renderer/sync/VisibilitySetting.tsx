import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { VISIBILITY_MODES, type VisibilityMode } from '../../shared/rules/visibility';
import { useCrm } from '../api/crm-context';
import { useSyncCommand } from './use-sync-command';

/**
 * The firm's "who sees what" (shared/rules/visibility.ts), set by an admin in the users dialog:
 * a firm setting held by the sync server, which applies it to every pull.
 */
export function VisibilitySetting() {
  const { t } = useTranslation();
  const api = useCrm();
  const { busy, run } = useSyncCommand();
  const [mode, setMode] = useState<VisibilityMode | undefined>();
  useEffect(() => {
    let live = true;
    api
      .invoke('admin/settings/get', {})
      .then((settings) => live && setMode(settings.visibility))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [api]);
  if (!mode) return null;
  const choose = (next: VisibilityMode) =>
    void run(
      'visibility',
      async () => {
        await api.invoke('admin/settings/update', { visibility: next });
        setMode(next);
      },
      t('sync.users.visibility.saved', { mode: t(`sync.users.visibility.short.${next}`) }),
    );
  return (
    <Box sx={{ mb: 2 }}>
      <TextField
        select
        fullWidth
        size="small"
        label={t('sync.users.visibility.label')}
        value={mode}
        disabled={busy !== null}
        onChange={(e) => choose(e.target.value as VisibilityMode)}
        slotProps={{ select: { native: true } }}
      >
        {VISIBILITY_MODES.map((option) => (
          <option key={option} value={option}>
            {t(`sync.users.visibility.${option}`)}
          </option>
        ))}
      </TextField>
      <Typography variant="caption" color="text.secondary" component="div" sx={{ mt: 0.5 }}>
        {t('sync.users.visibility.hint')}
      </Typography>
    </Box>
  );
}
