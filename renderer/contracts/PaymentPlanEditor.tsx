import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import ButtonGroup from '@mui/material/ButtonGroup';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { splitByPercent } from '../../shared/domain/contracts';
import { money } from '../../shared/domain';
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
import { RemoveRowButton, RowCell, RowsFooter, useRows } from '../forms/row-editor';

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
  const rows = useRows(values.plan, props.onChange, 'paymentPlan');
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
          const cellProps = (
            name: 'name' | 'amount' | 'dueOn',
            label: 'milestoneName' | 'milestoneAmount' | 'dueOn',
          ) => ({
            field: rows.cell(i, name),
            label: `${t(`contracts.fields.${label}`)} ${n}`,
            value: m[name],
            locked,
            onChange: (value: string) => rows.update(i, { [name]: value }),
            errorOf: props.errorOf,
            onTouch: props.onTouch,
          });
          return (
            <Box
              key={m.key}
              sx={grid}
              role="group"
              aria-label={`${t('contracts.fields.paymentPlan')} ${n}`}
            >
              <RowCell {...cellProps('name', 'milestoneName')} />
              <RowCell {...cellProps('amount', 'milestoneAmount')} currency={values.currency} />
              <RowCell {...cellProps('dueOn', 'dueOn')} type="date" />
              <RemoveRowButton
                locked={locked}
                label={t('contracts.dialog.removeMilestone', { n })}
                onRemove={() => rows.remove(i)}
              />
            </Box>
          );
        })}
      </Box>
      {values.plan.length === 0 && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {t('contracts.dialog.noPlan')}
        </Typography>
      )}
      <RowsFooter
        locked={locked}
        addLabel={t('contracts.dialog.addMilestone')}
        onAdd={() => rows.add(emptyMilestone())}
      >
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
      </RowsFooter>
    </Box>
  );
}
