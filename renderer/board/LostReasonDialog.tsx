import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpportunityCard } from '../../shared/api';

interface LostReasonDialogProps {
  card: OpportunityCard;
  onConfirm(reason: string): void;
  onCancel(): void;
}

/**
 * Lost needs a reason (the gate says so, and the win/loss analysis lives on it). Asked before the
 * move, so cancelling leaves the card exactly where it was.
 */
export function LostReasonDialog({ card, onConfirm, onCancel }: LostReasonDialogProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState(card.lostReason ?? '');
  const [tried, setTried] = useState(false);
  const missing = reason.trim() === '';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!missing) onConfirm(reason.trim());
  };
  return (
    <Dialog open onClose={onCancel} fullWidth maxWidth="xs">
      <form onSubmit={submit} noValidate>
        <DialogTitle>{t('lost.title', { title: card.title })}</DialogTitle>
        <DialogContent sx={{ pt: '8px !important' }}>
          <TextField
            id="lost-reason"
            label={t('lost.reason')}
            required
            autoFocus
            multiline
            minRows={3}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={tried && missing}
            helperText={tried && missing ? t('lost.required') : t('lost.hint')}
            slotProps={{ htmlInput: { maxLength: 1000 } }}
          />
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={onCancel}>{t('actions.cancel')}</Button>
          <Button type="submit" variant="contained" color="error">
            {t('lost.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
