import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import HourglassTopIcon from '@mui/icons-material/HourglassTop';
import CancelIcon from '@mui/icons-material/Cancel';
import RadioButtonUncheckedIcon from '@mui/icons-material/RadioButtonUnchecked';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toCrmErrorData } from '../../shared/api';
import type { OpportunityApproval } from '../../shared/domain';
import { useCrm } from '../api/crm-context';
import { useNotify } from '../app/notifier';
import { crmErrorText, stageName } from '../i18n/error-text';
import { useFormat } from '../i18n/format';

interface ApprovalLineProps {
  opportunityId: string;
  stage: string;
  approval: OpportunityApproval | undefined;
  canApprove: boolean;
}

/**
 * One gated stage's approval in the gate dialog: its state (who asked, who approved or refused,
 * when) and what this person can do about it — ask, or, as a manager, approve or refuse.
 */
export function ApprovalLine({ opportunityId, stage, approval, canApprove }: ApprovalLineProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const api = useCrm();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const status = approval?.status;
  const stageLabel = stageName(t, stage);
  const args = { id: opportunityId, stage };

  const run = async (call: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await call();
      setRejecting(false);
    } catch (error) {
      notify(crmErrorText(t, toCrmErrorData(error)), 'error');
    } finally {
      setBusy(false);
    }
  };

  const at = (time: number | undefined) => (time === undefined ? '' : format.dateTime(time));
  let icon = <RadioButtonUncheckedIcon fontSize="small" color="disabled" />;
  let text = t('pipelines.gate.notRequested');
  if (status === 'approved') {
    icon = <CheckCircleIcon fontSize="small" color="success" />;
    text = t('pipelines.gate.approvedBy', { name: approval?.byName, at: at(approval?.at) });
  } else if (status === 'requested') {
    icon = <HourglassTopIcon fontSize="small" color="warning" />;
    text = t('pipelines.gate.requestedBy', {
      name: approval?.requestedByName,
      at: at(approval?.requestedAt),
    });
  } else if (status === 'rejected') {
    icon = <CancelIcon fontSize="small" color="error" />;
    text = t('pipelines.gate.rejectedBy', { name: approval?.byName, reason: approval?.reason });
  }

  return (
    <Box data-testid={`approval-${stage}`} data-status={status ?? 'none'} sx={{ py: 0.5 }}>
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 1 }}>
        <Box sx={{ pt: 0.25 }}>{icon}</Box>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography sx={{ fontSize: 14, fontWeight: 600 }}>
            {t('pipelines.gate.approvalFor', { stage: stageLabel })}
          </Typography>
          <Typography sx={{ fontSize: 13, color: 'text.secondary' }}>{text}</Typography>
          {!canApprove && status !== 'approved' && (
            <Typography sx={{ fontSize: 12.5, color: 'text.secondary' }}>
              {t('pipelines.gate.onlyManagers')}
            </Typography>
          )}
        </Box>
        <Box sx={{ display: 'flex', gap: 0.75, flexShrink: 0 }}>
          {status !== 'approved' && status !== 'requested' && !canApprove && (
            <Button
              size="small"
              variant="outlined"
              disabled={busy}
              onClick={() => void run(() => api.invoke('opportunities/requestApproval', args))}
            >
              {t('pipelines.gate.requestApproval')}
            </Button>
          )}
          {status !== 'approved' && canApprove && !rejecting && (
            <>
              {status === 'requested' && (
                <Button
                  size="small"
                  color="error"
                  disabled={busy}
                  onClick={() => setRejecting(true)}
                >
                  {t('pipelines.gate.reject')}
                </Button>
              )}
              <Button
                size="small"
                variant="contained"
                color="success"
                disabled={busy}
                onClick={() => void run(() => api.invoke('opportunities/approve', args))}
              >
                {t('pipelines.gate.approveNow')}
              </Button>
            </>
          )}
        </Box>
      </Box>
      {rejecting && (
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', mt: 1, pl: 3.5 }}>
          <TextField
            size="small"
            autoFocus
            fullWidth
            label={t('pipelines.gate.rejectReason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            slotProps={{ htmlInput: { maxLength: 1000 } }}
          />
          <Button size="small" onClick={() => setRejecting(false)}>
            {t('pipelines.gate.cancelReject')}
          </Button>
          <Button
            size="small"
            variant="contained"
            color="error"
            disabled={busy || reason.trim() === ''}
            onClick={() =>
              void run(() =>
                api.invoke('opportunities/rejectApproval', { ...args, reason: reason.trim() }),
              )
            }
          >
            {t('pipelines.gate.rejectConfirm')}
          </Button>
        </Box>
      )}
    </Box>
  );
}
