import ReportProblemOutlinedIcon from '@mui/icons-material/ReportProblemOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Popover from '@mui/material/Popover';
import Typography from '@mui/material/Typography';
import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCrm } from '../api/crm-context';
import { useNotify } from '../app/notifier';
import { ConfirmDialog } from '../forms/ConfirmDialog';
import { crmErrorText } from '../i18n/error-text';
import { problemReason } from '../i18n/refusal-text';
import { toCrmErrorData } from '../../shared/api';
import { useSyncProblem } from '../sync/sync-context';

const stop = (event: SyntheticEvent) => event.stopPropagation();

/**
 * On a card whose change the server refused (saved offline, refused at sync): a mark on the card
 * itself, not only the count in the top bar. It says why and offers, right there, to fix the
 * record (its dialog) or to discard the change for the server's version.
 */
export function SyncProblemMark(props: { collection: string; recordId: string; onFix(): void }) {
  const problem = useSyncProblem(props.collection, props.recordId);
  const { t } = useTranslation();
  const api = useCrm();
  const notify = useNotify();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const popoverId = useId();
  if (!problem) return null;
  const reason = problemReason(t, problem);
  const discard = () => {
    setBusy(true);
    api
      .invoke('sync/problems/discard', { id: problem.id })
      .then(() => notify(t('sync.problems.discarded', { record: problem.recordLabel })))
      .catch((error: unknown) => notify(crmErrorText(t, toCrmErrorData(error)), 'error'))
      .finally(() => {
        setBusy(false);
        setConfirming(false);
        setAnchor(null);
      });
  };
  return (
    <Box data-card-action onClick={stop} onPointerDown={stop} onKeyDown={stop} sx={{ mt: 0.75 }}>
      <Button
        size="small"
        color="warning"
        variant="outlined"
        startIcon={<ReportProblemOutlinedIcon />}
        aria-label={t('rules.problem.onCardLabel', { reason })}
        aria-haspopup="dialog"
        aria-controls={anchor ? popoverId : undefined}
        aria-expanded={anchor ? true : undefined}
        onClick={(event) => setAnchor(event.currentTarget)}
        sx={{ py: 0, fontSize: 12, bgcolor: 'background.paper', maxWidth: '100%' }}
      >
        {t('rules.problem.onCard')}
      </Button>
      <Popover
        id={popoverId}
        open={anchor !== null}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
        slotProps={{
          paper: {
            role: 'dialog',
            'aria-label': t('rules.problem.onCard'),
            sx: { p: 1.5, maxWidth: 320 },
          },
        }}
      >
        <Typography sx={{ fontWeight: 700, fontSize: 13.5 }}>{problem.recordLabel}</Typography>
        <Typography variant="body2" color="warning.dark" sx={{ mt: 0.5 }}>
          {reason}
        </Typography>
        <Box sx={{ display: 'flex', gap: 1, mt: 1.25 }}>
          <Button
            size="small"
            variant="contained"
            onClick={() => {
              setAnchor(null);
              props.onFix();
            }}
          >
            {t('rules.problem.fix')}
          </Button>
          <Button size="small" color="error" onClick={() => setConfirming(true)} disabled={busy}>
            {t('rules.problem.discard')}
          </Button>
        </Box>
      </Popover>
      <ConfirmDialog
        open={confirming}
        title={t('sync.problems.discardTitle', { record: problem.recordLabel })}
        body={t('sync.problems.discardBody')}
        confirmLabel={t('sync.problems.discardConfirm')}
        busy={busy}
        onClose={() => setConfirming(false)}
        onConfirm={discard}
      />
    </Box>
  );
}
