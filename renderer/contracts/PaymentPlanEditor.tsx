import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlineOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import ButtonGroup from '@mui/material/ButtonGroup';
import IconButton from '@mui/material/IconButton';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { splitByPercent } from '../../shared/domain/contracts';
import { money, parseMoneyInput } from '../../shared/domain';
import { formatAmountInput } from '../forms/opportunity-form';
import { useFormat } from '../i18n/format';
import {
  emptyMilestone,
  formAmount,
  formPlanTotal,
  rowKey,
  type ContractValues,
  type MilestoneValues,
} from './contract-form';

/** The usual Chinese B2B splits: advance / on delivery / on acceptance (质保金 as the last share). */
const SPLITS: {
  percents: number[];
  names: ('advance' | 'delivery' | 'acceptance' | 'final' | 'full')[];
}[] = [
  { percents: [30, 60, 10], names: ['advance', 'delivery', 'acceptance'] },
  { percents: [30, 70], names: ['advance', 'final'] },
  { percents: [50, 50], names: ['advance', 'final'] },
  { percents: [100], names: ['full'] },
];

interface PaymentPlanEditorProps {
  values: ContractValues;
  locked: boolean;
  onChange(plan: MilestoneValues[]): void;
  errorOf(field: string): string | undefined;
  onTouch(field: string): void;
}

const grid = {
  display: 'grid',
  gridTemplateColumns: 'minmax(0, 1fr) 150px 150px 36px',
  gap: 1,
  alignItems: 'start',
} as const;

/**
 * 回款计划: milestones with amount and due date, what is still to allocate (or over-allocated),
 * and quick splits of the contract amount that add up to the fen.
 */
export function PaymentPlanEditor(props: PaymentPlanEditorProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const { values, locked } = props;
  const amount = formAmount(values);
  const planned = formPlanTotal(values);
  const left = amount ? amount.minor - planned.minor : undefined;
  const update = (index: number, patch: Partial<MilestoneValues>) =>
    props.onChange(values.plan.map((m, i) => (i === index ? { ...m, ...patch } : m)));
  const cell = (index: number, name: string) => `paymentPlan.${index}.${name}`;
  const split = (choice: (typeof SPLITS)[number]) => {
    if (!amount) return;
    const shares = splitByPercent(amount, choice.percents);
    props.onChange(
      shares.map((share, i) => ({
        key: rowKey(),
        id: values.plan[i]?.id,
        name: `${t(`contracts.dialog.defaultMilestones.${choice.names[i]!}`)} ${choice.percents[i]}%`,
        amount: formatAmountInput(share, format.language),
        dueOn: values.plan[i]?.dueOn ?? '',
      })),
    );
  };
  return (
    <Box component="section" aria-labelledby="contract-plan-title">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1, flexWrap: 'wrap' }}>
        <Typography id="contract-plan-title" variant="subtitle2">
          {t('contracts.fields.paymentPlan')}
        </Typography>
        <Box sx={{ flex: 1 }} />
        {!locked && (
          <>
            <Typography variant="caption" color="text.secondary">
              {t('contracts.dialog.quickSplit')}
            </Typography>
            <Tooltip title={t('contracts.dialog.splitHint')}>
              <ButtonGroup size="small" variant="outlined" disabled={!amount || amount.minor <= 0}>
                {SPLITS.map((choice) => (
                  <Button key={choice.percents.join('/')} onClick={() => split(choice)}>
                    {choice.percents.join('/')}
                  </Button>
                ))}
              </ButtonGroup>
            </Tooltip>
          </>
        )}
      </Box>
      {values.plan.length > 0 && (
        <Box sx={{ ...grid, mb: 0.5, color: 'text.secondary', fontSize: 12 }} aria-hidden>
          <span>{t('contracts.fields.milestoneName')}</span>
          <span>{t('contracts.fields.milestoneAmount')}</span>
          <span>{t('contracts.fields.dueOn')}</span>
          <span />
        </Box>
      )}
      <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
        {values.plan.map((m, i) => {
          const n = i + 1;
          return (
            <Box
              key={m.key}
              sx={grid}
              role="group"
              aria-label={`${t('contracts.fields.paymentPlan')} ${n}`}
            >
              <TextField
                size="small"
                value={m.name}
                disabled={locked}
                slotProps={{
                  htmlInput: { 'aria-label': `${t('contracts.fields.milestoneName')} ${n}` },
                }}
                onChange={(e) => update(i, { name: e.target.value })}
                onBlur={() => props.onTouch(cell(i, 'name'))}
                error={Boolean(props.errorOf(cell(i, 'name')))}
                helperText={props.errorOf(cell(i, 'name'))}
              />
              <TextField
                size="small"
                value={m.amount}
                disabled={locked}
                slotProps={{
                  htmlInput: {
                    'aria-label': `${t('contracts.fields.milestoneAmount')} ${n}`,
                    inputMode: 'decimal',
                  },
                }}
                onChange={(e) => update(i, { amount: e.target.value })}
                onBlur={() => {
                  const parsed = parseMoneyInput(m.amount, values.currency);
                  if (parsed) update(i, { amount: formatAmountInput(parsed, format.language) });
                  props.onTouch(cell(i, 'amount'));
                }}
                error={Boolean(props.errorOf(cell(i, 'amount')))}
                helperText={props.errorOf(cell(i, 'amount'))}
              />
              <TextField
                size="small"
                type="date"
                value={m.dueOn}
                disabled={locked}
                slotProps={{ htmlInput: { 'aria-label': `${t('contracts.fields.dueOn')} ${n}` } }}
                onChange={(e) => update(i, { dueOn: e.target.value })}
                onBlur={() => props.onTouch(cell(i, 'dueOn'))}
                error={Boolean(props.errorOf(cell(i, 'dueOn')))}
                helperText={props.errorOf(cell(i, 'dueOn'))}
              />
              {!locked ? (
                <IconButton
                  size="small"
                  aria-label={t('contracts.dialog.removeMilestone', { n })}
                  onClick={() => props.onChange(values.plan.filter((_, j) => j !== i))}
                >
                  <DeleteOutlineIcon fontSize="small" />
                </IconButton>
              ) : (
                <span />
              )}
            </Box>
          );
        })}
      </Box>
      {values.plan.length === 0 && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {t('contracts.dialog.noPlan')}
        </Typography>
      )}
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mt: 1 }}>
        {!locked && (
          <Button
            size="small"
            startIcon={<AddIcon />}
            onClick={() => props.onChange([...values.plan, emptyMilestone()])}
          >
            {t('contracts.dialog.addMilestone')}
          </Button>
        )}
        <Box sx={{ flex: 1 }} />
        {left !== undefined && values.plan.length > 0 && (
          <Typography
            variant="body2"
            role="status"
            data-testid="plan-remaining"
            sx={{
              fontWeight: 600,
              color: left === 0 ? 'success.dark' : left > 0 ? 'warning.dark' : 'error.main',
            }}
          >
            {left === 0
              ? t('contracts.dialog.balanced')
              : left > 0
                ? t('contracts.dialog.remaining', {
                    amount: format.money(money(left, values.currency)),
                  })
                : t('contracts.dialog.over', {
                    amount: format.money(money(-left, values.currency)),
                  })}
          </Typography>
        )}
      </Box>
    </Box>
  );
}
