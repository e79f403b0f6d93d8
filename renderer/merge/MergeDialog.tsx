import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  blankFills,
  toCrmErrorData,
  type CrmErrorData,
  type MergeKind,
  type MergePreview,
} from '../../shared/api';
import type { Account, Contact, Lead } from '../../shared/domain';
import { useCrm } from '../api/crm-context';
import { useNotify } from '../app/notifier';
import { mergeErrorText } from './merge-text';
import { MergePlan } from './MergePlan';
import { mergeRecords, fillBlanks, type MergeTarget } from './merge-commands';

export interface NamedRecord<R = Lead | Account | Contact> {
  record: R;
  name: string;
}

/**
 * create:  the person was creating a record and chose an existing one instead; what they typed
 *          fills that one's blanks (`<kind>/fillBlanks`), nothing new is created.
 * records: an existing record (source) goes into another (target) (`<kind>/merge`).
 */
export type MergeRequest =
  | { mode: 'create'; kind: MergeKind; target: NamedRecord; values: Record<string, string> }
  | { mode: 'records'; kind: MergeKind; source: NamedRecord; target: NamedRecord };

/** Says exactly what a merge will do (from the core's own plan) before anything is written. */
export function MergeDialog({
  request: initial,
  onClose,
  onMerged,
}: {
  request: MergeRequest;
  onClose(): void;
  onMerged(target: MergeTarget): void;
}) {
  const { t } = useTranslation();
  const api = useCrm();
  const notify = useNotify();
  const [request, setRequest] = useState(initial);
  const [preview, setPreview] = useState<MergePreview | undefined>(
    initial.mode === 'create'
      ? { ...blankFills(initial.kind, initial.target.record, initial.values), moves: {} }
      : undefined,
  );
  const [error, setError] = useState<CrmErrorData | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (request.mode !== 'records') return;
    let current = true;
    const { kind, source, target } = request;
    api
      .invoke('merge/preview', { kind, sourceId: source.record.id, targetId: target.record.id })
      .then((plan) => current && setPreview(plan))
      .catch((e: unknown) => current && setError(toCrmErrorData(e)));
    return () => {
      current = false;
    };
  }, [api, request]);

  const target = request.target.name;
  const source = request.mode === 'records' ? request.source.name : '';

  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      if (request.mode === 'records') {
        const merged = await mergeRecords(api, request.kind, request.source, request.target);
        notify(t('merge.confirm.merged', { source, target }));
        onMerged(merged);
      } else {
        const { target: filled, fills } = await fillBlanks(api, request);
        notify(
          fills.length > 0
            ? t('merge.confirm.filled', { count: fills.length, name: target })
            : t('merge.confirm.nothingFilled', { name: target }),
        );
        onMerged(filled);
      }
    } catch (e) {
      setError(toCrmErrorData(e));
      setBusy(false);
    }
  };

  // The other direction is another plan: the preview is worked out again for it.
  const swap = () => {
    if (request.mode !== 'records') return;
    setPreview(undefined);
    setError(undefined);
    setRequest({ ...request, source: request.target, target: request.source });
  };

  return (
    <Dialog open onClose={busy ? undefined : onClose} maxWidth="sm" fullWidth>
      <DialogTitle>{t('merge.confirm.title', { name: target })}</DialogTitle>
      <DialogContent dividers sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
        <Typography variant="body2">
          {request.mode === 'create'
            ? t('merge.confirm.createIntro', {
                kind: t(`merge.kinds.${request.kind}`),
                name: target,
              })
            : t('merge.confirm.recordIntro', { source, target })}
        </Typography>
        {error && (
          <Alert severity="error" role="alert">
            {mergeErrorText(t, error)}
          </Alert>
        )}
        {!preview && !error && (
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, color: 'text.secondary' }}>
            <CircularProgress size={16} /> {t('merge.confirm.loading')}
          </Box>
        )}
        {preview && (
          <MergePlan
            preview={preview}
            target={target}
            source={request.mode === 'records' ? source : undefined}
          />
        )}
      </DialogContent>
      <DialogActions sx={{ px: 3, py: 1.5 }}>
        {request.mode === 'records' && (
          <Button startIcon={<SwapHorizIcon />} onClick={swap} disabled={busy}>
            {t('merge.confirm.swap', { name: source })}
          </Button>
        )}
        <Box sx={{ flex: 1 }} />
        <Button onClick={onClose} disabled={busy} autoFocus>
          {t('actions.cancel')}
        </Button>
        <Button
          variant="contained"
          color="warning"
          onClick={() => void confirm()}
          disabled={busy || !preview}
          startIcon={busy ? <CircularProgress size={14} color="inherit" /> : undefined}
        >
          {request.mode === 'create'
            ? t('merge.confirm.submitCreate', { name: target })
            : t('merge.confirm.submit')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
