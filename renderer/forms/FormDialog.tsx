import LockOutlinedIcon from '@mui/icons-material/LockOutlined';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandForm } from './use-command-form';

interface FormDialogProps {
  open: boolean;
  title: string;
  subtitle?: ReactNode;
  form: Pick<CommandForm<object>, 'formRef' | 'onSubmit' | 'busy' | 'formError' | 'blockingCount'>;
  submitLabel: string;
  onClose(): void;
  /** Left-aligned actions that change the record (archive, issue); not offered when read-only. */
  extraActions?: ReactNode;
  /** Left-aligned actions that only look (the history), offered to everyone. */
  viewActions?: ReactNode;
  /**
   * The person may not change this record (the rulebook says why, e.g. a colleague's): the
   * reason sits on top and only Close remains; the dialog puts its fields in a ReadOnlyFieldset.
   */
  readOnly?: string;
  maxWidth?: 'xs' | 'sm' | 'md';
  children: ReactNode;
}

/** The frame every record dialog shares: a real <form>, so Enter submits and errors stay put. */
export function FormDialog(props: FormDialogProps) {
  const { t } = useTranslation();
  const { formRef, onSubmit, busy, formError, blockingCount } = props.form;
  return (
    <Dialog
      open={props.open}
      onClose={busy ? undefined : props.onClose}
      fullWidth
      maxWidth={props.maxWidth ?? 'sm'}
    >
      <form ref={formRef} onSubmit={onSubmit} noValidate>
        <DialogTitle sx={{ pb: props.subtitle ? 0.5 : 2 }}>{props.title}</DialogTitle>
        {props.subtitle && (
          <Box sx={{ px: 3, pb: 1.5, color: 'text.secondary' }}>{props.subtitle}</Box>
        )}
        <DialogContent dividers sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
          {props.readOnly && (
            <Alert severity="info" icon={<LockOutlinedIcon fontSize="inherit" />}>
              <AlertTitle>{t('rules.readOnly.title')}</AlertTitle>
              {props.readOnly}
            </Alert>
          )}
          {blockingCount > 0 && (
            <Alert severity="error" variant="outlined" sx={{ py: 0 }}>
              {t('validation.summary', { count: blockingCount })}
            </Alert>
          )}
          {formError && (
            <Alert severity="error" role="alert">
              {formError}
            </Alert>
          )}
          {props.children}
        </DialogContent>
        <DialogActions sx={{ px: 3, py: 1.5 }}>
          {props.viewActions}
          {!props.readOnly && props.extraActions}
          <Box sx={{ flex: 1 }} />
          <Button onClick={props.onClose} disabled={busy}>
            {props.readOnly ? t('actions.close') : t('actions.cancel')}
          </Button>
          {!props.readOnly && (
            <Button
              type="submit"
              variant="contained"
              disabled={busy}
              startIcon={busy ? <CircularProgress size={14} color="inherit" /> : undefined}
            >
              {props.submitLabel}
            </Button>
          )}
        </DialogActions>
      </form>
    </Dialog>
  );
}
