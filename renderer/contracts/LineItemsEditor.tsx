import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { parseMoneyInput } from '../../shared/domain';
import { formatAmountInput } from '../forms/opportunity-form';
import { useFormat } from '../i18n/format';
import {
  emptyLine,
  formAmount,
  lineTotalOf,
  type ContractValues,
  type LineValues,
} from './contract-form';
import { RemoveRowButton, RowCell, RowsFooter, useRows } from '../forms/row-editor';

interface LineItemsEditorProps {
  values: ContractValues;
  locked: boolean;
  onChange(lines: LineValues[]): void;
  onAmountChange(amount: string): void;
  /** The message under a cell ("lineItems.0.quantity", "amount"), once it should show. */
  errorOf(field: string): string | undefined;
  onTouch(field: string): void;
}

const grid = {
  display: 'grid',
  gridTemplateColumns: 'minmax(0, 1fr) 84px 140px 130px 36px',
  gap: 1,
  alignItems: 'start',
} as const;

/**
 * 合同明细: description, quantity, unit price per line, the line total as it is computed (exact,
 * in fen), and the contract total under them. Without lines the amount is typed directly.
 */
export function LineItemsEditor(props: LineItemsEditorProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const { values, locked } = props;
  const total = formAmount(values);
  const rows = useRows(values.lines, props.onChange, 'lineItems');
  return (
    <Box component="section" aria-labelledby="contract-lines-title">
      <Typography id="contract-lines-title" variant="subtitle2" sx={{ mb: 1 }}>
        {t('contracts.fields.lineItems')}
      </Typography>
      {values.lines.length > 0 && (
        <Box sx={{ ...grid, mb: 0.5, color: 'text.secondary', fontSize: 12 }} aria-hidden>
          <span>{t('contracts.fields.description')}</span>
          <span>{t('contracts.fields.quantity')}</span>
          <span>{t('contracts.fields.unitPrice')}</span>
          <Box component="span" sx={{ textAlign: 'right' }}>
            {t('contracts.fields.lineTotal')}
          </Box>
          <span />
        </Box>
      )}
      <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
        {values.lines.map((line, i) => {
          const lineTotal = lineTotalOf(line, values.currency);
          const n = i + 1;
          const cellProps = (name: 'description' | 'quantity' | 'unitPrice') => ({
            field: rows.cell(i, name),
            label: `${t(`contracts.fields.${name}`)} ${n}`,
            value: line[name],
            locked,
            onChange: (value: string) => rows.update(i, { [name]: value }),
            errorOf: props.errorOf,
            onTouch: props.onTouch,
          });
          return (
            <Box
              key={line.key}
              sx={grid}
              role="group"
              aria-label={`${t('contracts.fields.lineItems')} ${n}`}
            >
              <RowCell {...cellProps('description')} />
              <RowCell {...cellProps('quantity')} decimal />
              <RowCell {...cellProps('unitPrice')} currency={values.currency} />
              <Box
                sx={{ textAlign: 'right', pt: 1, fontSize: 14, fontVariantNumeric: 'tabular-nums' }}
                data-testid={`line-total-${i}`}
              >
                {lineTotal ? format.money(lineTotal) : '—'}
              </Box>
              <RemoveRowButton
                locked={locked}
                label={t('contracts.dialog.removeLine', { n })}
                onRemove={() => rows.remove(i)}
              />
            </Box>
          );
        })}
      </Box>
      {values.lines.length === 0 && !locked && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {t('contracts.dialog.noLines')}
        </Typography>
      )}
      <RowsFooter
        locked={locked}
        addLabel={t('contracts.dialog.addLine')}
        onAdd={() => rows.add(emptyLine())}
      >
        {values.lines.length === 0 && !locked ? (
          <TextField
            id="contract-amount"
            size="small"
            label={t('contracts.fields.amount')}
            value={values.amount}
            onChange={(e) => props.onAmountChange(e.target.value)}
            onBlur={() => {
              const parsed = parseMoneyInput(values.amount, values.currency);
              if (parsed) props.onAmountChange(formatAmountInput(parsed, format.language));
              props.onTouch('amount');
            }}
            error={Boolean(props.errorOf('amount'))}
            helperText={props.errorOf('amount')}
            slotProps={{ htmlInput: { inputMode: 'decimal' } }}
            sx={{ width: 200 }}
          />
        ) : (
          <Box sx={{ textAlign: 'right' }}>
            <Typography variant="caption" color="text.secondary" component="div">
              {t('contracts.dialog.total')}
              {values.lines.length > 0 ? ` · ${t('contracts.dialog.amountFromLines')}` : ''}
            </Typography>
            <Typography sx={{ fontWeight: 700, fontSize: 16 }} data-testid="contract-total">
              {total ? format.money(total) : '—'}
            </Typography>
          </Box>
        )}
      </RowsFooter>
    </Box>
  );
}
