import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Divider from '@mui/material/Divider';
import FormControlLabel from '@mui/material/FormControlLabel';
import Typography from '@mui/material/Typography';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorOutlineIcon from '@mui/icons-material/WarningAmberOutlined';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpportunityCard } from '../../shared/api';
import { evaluateGate, type Pipeline } from '../../shared/domain';
import { stageName } from '../i18n/error-text';
import { ApprovalLine } from './ApprovalLine';

interface GateDialogProps {
  /** The live card: filling in a field or an approval elsewhere updates the dialog at once. */
  card: OpportunityCard;
  pipeline: Pick<Pipeline, 'stages' | 'wonGate'>;
  to: string;
  canApprove: boolean;
  onConfirm(checklist: string[]): void;
  onCancel(): void;
  /** Opens the opportunity form to fill in missing fields (the dialog stays open beneath). */
  onFillIn(card: OpportunityCard): void;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box component="section" sx={{ mt: 2 }}>
      <Typography
        component="h3"
        sx={{ fontSize: 13, fontWeight: 700, color: 'text.secondary', mb: 0.5 }}
      >
        {title}
      </Typography>
      {children}
    </Box>
  );
}

/**
 * The gate, as a checklist, before a card enters a gated stage: required fields (met or
 * missing), the stage's checklist items to tick, and the approval. Move stays disabled until
 * everything is met; cancelling leaves the card where it was. The core checks the same again.
 */
export function GateDialog(props: GateDialogProps) {
  const { card, pipeline, to, canApprove } = props;
  const { t } = useTranslation();
  const [ticked, setTicked] = useState<string[]>([]);
  const gate = evaluateGate(pipeline, card, to, ticked);
  const stage = stageName(t, to);
  const missingCount =
    gate.missingFields.length + gate.uncheckedItems.length + gate.missingApprovals.length;
  const toggle = (id: string) =>
    setTicked((prev) => (prev.includes(id) ? prev.filter((x) => x !== id) : [...prev, id]));

  return (
    <Dialog open onClose={props.onCancel} fullWidth maxWidth="sm" aria-labelledby="gate-title">
      <DialogTitle id="gate-title">{t('pipelines.gate.title', { stage })}</DialogTitle>
      <DialogContent data-testid="gate-dialog">
        <Typography sx={{ fontSize: 14 }}>
          <strong>{card.title}</strong> · {card.accountName}
        </Typography>
        <Typography sx={{ fontSize: 13, color: 'text.secondary' }}>
          {t('pipelines.gate.intro', { stage })}
        </Typography>

        {gate.fields.length > 0 && (
          <Section title={t('pipelines.gate.fieldsHeading')}>
            {gate.fields.map(({ requirement, met }) => (
              <Box
                key={requirement}
                data-testid={`gate-field-${requirement}`}
                data-met={met}
                sx={{ display: 'flex', alignItems: 'center', gap: 1, py: 0.5 }}
              >
                {met ? (
                  <CheckCircleIcon fontSize="small" color="success" />
                ) : (
                  <ErrorOutlineIcon fontSize="small" color="warning" />
                )}
                <Typography sx={{ flex: 1, fontSize: 14 }}>
                  {t(`pipelines.fields.${requirement}`)}
                </Typography>
                <Typography sx={{ fontSize: 12.5, color: met ? 'success.main' : 'warning.dark' }}>
                  {met ? t('pipelines.gate.met') : t('pipelines.gate.missingField')}
                </Typography>
              </Box>
            ))}
            {gate.missingFields.length > 0 && (
              <Button
                size="small"
                variant="outlined"
                sx={{ mt: 0.5 }}
                onClick={() => props.onFillIn(card)}
              >
                {t('pipelines.gate.fillIn')}
              </Button>
            )}
          </Section>
        )}

        {gate.checklist.length > 0 && (
          <Section title={t('pipelines.gate.checklistHeading')}>
            {gate.checklist.map((item) => (
              <FormControlLabel
                key={item.id}
                sx={{ display: 'flex', mr: 0 }}
                control={
                  <Checkbox size="small" checked={item.ticked} onChange={() => toggle(item.id)} />
                }
                label={<Typography sx={{ fontSize: 14 }}>{item.label}</Typography>}
              />
            ))}
          </Section>
        )}

        {gate.approvals.length > 0 && (
          <Section title={t('pipelines.gate.approvalHeading')}>
            {gate.approvals.map(({ stage: approvalStage, approval }, i) => (
              <Box key={approvalStage}>
                {i > 0 && <Divider sx={{ my: 0.5 }} />}
                <ApprovalLine
                  opportunityId={card.id}
                  stage={approvalStage}
                  approval={approval}
                  canApprove={canApprove}
                />
              </Box>
            ))}
          </Section>
        )}

        <Alert severity={gate.met ? 'success' : 'warning'} sx={{ mt: 2 }} role="status">
          {gate.met
            ? t('pipelines.gate.allMet')
            : t('pipelines.gate.blockedHint', { count: missingCount })}
        </Alert>
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={props.onCancel}>{t('actions.cancel')}</Button>
        <Button
          variant="contained"
          disabled={!gate.met}
          onClick={() => props.onConfirm(gate.checklist.filter((i) => i.ticked).map((i) => i.id))}
        >
          {t('pipelines.gate.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
