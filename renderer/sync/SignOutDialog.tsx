import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCrm } from '../api/crm-context';
import { ConfirmDialog } from '../forms/ConfirmDialog';
import { useSyncCommand } from './use-sync-command';

function Choice({ value, title, hint }: { value: string; title: string; hint: string }) {
  return (
    <FormControlLabel
      value={value}
      control={<Radio />}
      sx={{ alignItems: 'flex-start', my: 0.5, '& .MuiRadio-root': { pt: 0.5 } }}
      label={
        <>
          <Typography sx={{ fontWeight: 600 }}>{title}</Typography>
          <Typography variant="body2" color="text.secondary">
            {hint}
          </Typography>
        </>
      }
    />
  );
}

/**
 * Signing out keeps the local data unless the person chooses otherwise, and removing it asks
 * once more (naming the changes that would be lost), because it cannot be undone.
 */
export function SignOutDialog({
  pendingChanges,
  onClose,
  onSignedOut,
}: {
  pendingChanges: number;
  onClose(): void;
  /** After the sign-out; `removedLocalData` when the database was deleted. */
  onSignedOut(removedLocalData: boolean): void;
}) {
  const { t } = useTranslation();
  const api = useCrm();
  const { busy, run } = useSyncCommand();
  const [choice, setChoice] = useState<'keep' | 'remove'>('keep');
  const [confirming, setConfirming] = useState(false);
  const [everywhere, setEverywhere] = useState(false);
  const removeLocalData = choice === 'remove';

  const signOut = async () => {
    const done = await run(
      'signOut',
      () => api.invoke('sync/signOut', { removeLocalData, everywhere }),
      removeLocalData ? t('sync.signOut.doneRemoved') : t('sync.signOut.done'),
    );
    if (done) onSignedOut(removeLocalData);
  };

  return (
    <>
      <Dialog open onClose={busy ? undefined : onClose} maxWidth="xs" fullWidth>
        <DialogTitle>{t('sync.signOut.title')}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 1 }}>{t('sync.signOut.body')}</DialogContentText>
          <RadioGroup
            aria-label={t('sync.signOut.title')}
            value={choice}
            onChange={(_event, value) => setChoice(value === 'remove' ? 'remove' : 'keep')}
          >
            <Choice value="keep" title={t('sync.signOut.keep')} hint={t('sync.signOut.keepHint')} />
            <Choice
              value="remove"
              title={t('sync.signOut.remove')}
              hint={t('sync.signOut.removeHint')}
            />
          </RadioGroup>
          <FormControlLabel
            sx={{ alignItems: 'flex-start', mt: 1, '& .MuiCheckbox-root': { pt: 0.5 } }}
            control={
              <Checkbox
                checked={everywhere}
                onChange={(event) => setEverywhere(event.target.checked)}
              />
            }
            label={
              <>
                <Typography sx={{ fontWeight: 600 }}>{t('sync.signOut.everywhere')}</Typography>
                <Typography variant="body2" color="text.secondary">
                  {t('sync.signOut.everywhereHint')}
                </Typography>
              </>
            }
          />
          {removeLocalData && pendingChanges > 0 && (
            <Alert severity="warning" sx={{ mt: 1 }}>
              {t('sync.signOut.pendingWarning', { count: pendingChanges })}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={busy !== null}>
            {t('actions.cancel')}
          </Button>
          <Button
            variant="contained"
            color={removeLocalData ? 'error' : 'primary'}
            disabled={busy !== null}
            startIcon={busy ? <CircularProgress size={14} color="inherit" /> : undefined}
            onClick={() => (removeLocalData ? setConfirming(true) : void signOut())}
          >
            {t('sync.signOut.submit')}
          </Button>
        </DialogActions>
      </Dialog>
      <ConfirmDialog
        open={confirming}
        title={t('sync.signOut.confirmRemoveTitle')}
        body={t('sync.signOut.confirmRemoveBody')}
        confirmLabel={t('sync.signOut.confirmRemove')}
        busy={busy !== null}
        onClose={() => setConfirming(false)}
        onConfirm={() => {
          void signOut().finally(() => setConfirming(false));
        }}
      />
    </>
  );
}
