import AddIcon from '@mui/icons-material/Add';
import CloseIcon from '@mui/icons-material/Close';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { GATE_FIELDS, newChecklistItemId } from '../../shared/domain';
import type { DraftErrors, GateDraft } from './pipeline-draft';

interface GateEditorProps {
  gate: GateDraft;
  onChange(gate: GateDraft): void;
  /** Error paths of this gate start with this ("stages.2", "wonGate"). */
  path: string;
  errors: DraftErrors;
  idPrefix: string;
}

/** A stage's gate: which fields must be filled in, the checklist, and whether it needs approval. */
export function GateEditor({ gate, onChange, path, errors, idPrefix }: GateEditorProps) {
  const { t } = useTranslation();
  const heading = (text: string) => (
    <Typography sx={{ fontSize: 12.5, fontWeight: 700, color: 'text.secondary', mt: 1 }}>
      {text}
    </Typography>
  );
  const setItem = (index: number, label: string) =>
    onChange({
      ...gate,
      checklist: gate.checklist.map((item, i) => (i === index ? { ...item, label } : item)),
    });
  return (
    <Box sx={{ pl: 1 }}>
      {heading(t('pipelines.editor.requiredFields'))}
      <Box sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 1 }}>
        {GATE_FIELDS.map((field) => (
          <FormControlLabel
            key={field}
            control={
              <Checkbox
                size="small"
                checked={gate.requiredFields.includes(field)}
                onChange={(e) =>
                  onChange({
                    ...gate,
                    requiredFields: e.target.checked
                      ? GATE_FIELDS.filter((f) => f === field || gate.requiredFields.includes(f))
                      : gate.requiredFields.filter((f) => f !== field),
                  })
                }
              />
            }
            label={
              <Typography sx={{ fontSize: 13.5 }}>{t(`pipelines.fields.${field}`)}</Typography>
            }
          />
        ))}
      </Box>
      {heading(t('pipelines.editor.checklist'))}
      {gate.checklist.map((item, i) => (
        <Box key={item.id} sx={{ display: 'flex', alignItems: 'flex-start', gap: 0.5, mt: 0.75 }}>
          <TextField
            id={`${idPrefix}-check-${i}`}
            size="small"
            fullWidth
            value={item.label}
            placeholder={t('pipelines.editor.checklistPlaceholder')}
            onChange={(e) => setItem(i, e.target.value)}
            error={Boolean(errors[`${path}.checklist.${i}`])}
            helperText={errors[`${path}.checklist.${i}`]}
            slotProps={{ htmlInput: { maxLength: 200 } }}
          />
          <IconButton
            size="small"
            aria-label={t('pipelines.editor.removeChecklistItem')}
            onClick={() =>
              onChange({ ...gate, checklist: gate.checklist.filter((_, j) => j !== i) })
            }
            sx={{ mt: 0.5 }}
          >
            <CloseIcon fontSize="small" />
          </IconButton>
        </Box>
      ))}
      <Button
        size="small"
        startIcon={<AddIcon />}
        disabled={gate.checklist.length >= 20}
        onClick={() =>
          onChange({
            ...gate,
            checklist: [...gate.checklist, { id: newChecklistItemId(), label: '' }],
          })
        }
        sx={{ mt: 0.5 }}
      >
        {t('pipelines.editor.addChecklistItem')}
      </Button>
      <FormControlLabel
        sx={{ display: 'flex', mt: 0.5 }}
        control={
          <Switch
            size="small"
            checked={gate.approvalRequired}
            onChange={(e) => onChange({ ...gate, approvalRequired: e.target.checked })}
          />
        }
        label={
          <Typography sx={{ fontSize: 13.5 }}>{t('pipelines.editor.approvalRequired')}</Typography>
        }
      />
    </Box>
  );
}
