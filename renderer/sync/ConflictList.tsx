import RestoreOutlinedIcon from '@mui/icons-material/RestoreOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { ConflictEntry } from '../../shared/sync/types';
import { useCrm } from '../api/crm-context';
import { useLiveQuery } from '../api/use-live-query';
import { crmErrorText } from '../i18n/error-text';
import { useFormat } from '../i18n/format';
import { collectionName, fieldLabel, formatValue, type ValueContext } from './sync-text';
import { useRecordNames } from './use-record-names';
import { useSyncCommand } from './use-sync-command';

function Value({ label, text, strong }: { label: string; text: string; strong?: boolean }) {
  return (
    <Box sx={{ minWidth: 0 }}>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <Typography
        variant="body2"
        sx={{ fontWeight: strong ? 700 : 400, overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}
      >
        {text}
      </Typography>
    </Box>
  );
}

function ConflictItem({
  entry,
  values,
  busy,
  onRestore,
  onDismiss,
}: {
  entry: ConflictEntry;
  values: ValueContext;
  busy: string | null;
  onRestore(): void;
  onDismiss(): void;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const field = fieldLabel(i18n, entry.collection, entry.field);
  const resolved = entry.resolution !== undefined;
  const show = (value: unknown) => formatValue(values, entry.collection, entry.field, value);
  return (
    <Paper
      component="li"
      variant="outlined"
      aria-label={`${entry.recordLabel} · ${field}`}
      sx={{ listStyle: 'none', p: 1.5, opacity: resolved ? 0.65 : 1 }}
    >
      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 1 }}>
        <Typography variant="caption" color="text.secondary" sx={{ flex: 1 }}>
          {collectionName(i18n, entry.collection)} · {field}
        </Typography>
        <Typography variant="caption" color="text.secondary">
          {format.dateTime(entry.at)}
        </Typography>
      </Box>
      <Typography sx={{ fontWeight: 700, mb: 1, overflowWrap: 'anywhere' }}>
        {entry.recordLabel}
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 1.5, mb: 1 }}>
        <Value label={t('sync.conflicts.kept')} text={show(entry.keptValue)} strong />
        <Value label={t('sync.conflicts.overwritten')} text={show(entry.overwrittenValue)} />
      </Box>
      {resolved ? (
        <Chip
          size="small"
          label={
            entry.resolution === 'restored'
              ? t('sync.conflicts.restored')
              : t('sync.conflicts.dismissed')
          }
        />
      ) : (
        <Box sx={{ display: 'flex', gap: 1 }}>
          <Button
            size="small"
            variant="contained"
            disabled={busy !== null}
            startIcon={
              busy === `restore ${entry.id}` ? (
                <CircularProgress size={14} color="inherit" />
              ) : (
                <RestoreOutlinedIcon />
              )
            }
            onClick={onRestore}
          >
            {t('sync.conflicts.restore')}
          </Button>
          <Button size="small" disabled={busy !== null} onClick={onDismiss}>
            {t('sync.conflicts.dismiss')}
          </Button>
        </Box>
      )}
    </Paper>
  );
}

/**
 * The conflict log: for each field both sides changed, what was kept (the server's value) and
 * what was overwritten (this computer's), with "Restore my value" one click away.
 */
export function ConflictList() {
  const { t, i18n } = useTranslation();
  const api = useCrm();
  const format = useFormat();
  const names = useRecordNames();
  const conflicts = useLiveQuery('sync/conflicts', {});
  const { busy, run } = useSyncCommand();
  const values: ValueContext = { t, format, names };

  if (conflicts.error) return <Alert severity="error">{crmErrorText(t, conflicts.error)}</Alert>;
  if (!conflicts.data) return <CircularProgress size={20} />;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1.5 }}>
      <Typography variant="body2" color="text.secondary">
        {t('sync.conflicts.intro')}
      </Typography>
      {conflicts.data.length === 0 ? (
        <Typography color="text.secondary">{t('sync.conflicts.empty')}</Typography>
      ) : (
        <Box
          component="ul"
          aria-label={t('sync.conflicts.listLabel')}
          sx={{ display: 'flex', flexDirection: 'column', gap: 1, m: 0, p: 0 }}
        >
          {conflicts.data.map((entry) => (
            <ConflictItem
              key={entry.id}
              entry={entry}
              values={values}
              busy={busy}
              onRestore={() =>
                void run(
                  `restore ${entry.id}`,
                  () => api.invoke('sync/conflicts/restore', { id: entry.id }),
                  t('sync.conflicts.restoredNotice', {
                    record: entry.recordLabel,
                    field: fieldLabel(i18n, entry.collection, entry.field),
                  }),
                )
              }
              onDismiss={() =>
                void run(`dismiss ${entry.id}`, () =>
                  api.invoke('sync/conflicts/dismiss', { id: entry.id }),
                )
              }
            />
          ))}
        </Box>
      )}
    </Box>
  );
}
