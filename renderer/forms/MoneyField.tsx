import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { parseMoneyInput } from '../../shared/domain';
import { useFormat } from '../i18n/format';
import { CURRENCIES, formatAmountInput } from './opportunity-form';

interface MoneyFieldProps {
  amount: string;
  currency: string;
  onAmountChange(text: string): void;
  onCurrencyChange(currency: string): void;
  onBlur(): void;
  error?: string;
  helperText?: string;
  warning?: boolean;
  autoFocus?: boolean;
}

/**
 * Amount as typed ("12,345.67", full-width "１２３４５"), with its currency. Leaving the field
 * rewrites a valid amount in the standard form, so the person sees how it was understood.
 */
export function MoneyField(props: MoneyFieldProps) {
  const { t } = useTranslation();
  const { language } = useFormat();
  const currencyNames = useMemo(
    () => new Intl.DisplayNames(language, { type: 'currency' }),
    [language],
  );
  return (
    <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}>
      <TextField
        id="opportunity-currency"
        select
        label={t('fields.opportunity.currency')}
        value={props.currency}
        onChange={(e) => props.onCurrencyChange(e.target.value)}
        sx={{ width: 96, flexShrink: 0 }}
        slotProps={{ select: { renderValue: (value) => String(value) } }}
      >
        {CURRENCIES.map((code) => (
          <MenuItem key={code} value={code} dense>
            <Box component="span" sx={{ fontWeight: 600, width: 44 }}>
              {code}
            </Box>
            <Box component="span" sx={{ color: 'text.secondary' }}>
              {currencyNames.of(code)}
            </Box>
          </MenuItem>
        ))}
      </TextField>
      <TextField
        id="opportunity-amount"
        name="amount"
        label={t('fields.opportunity.amount')}
        value={props.amount}
        placeholder={t('placeholders.amount')}
        autoFocus={props.autoFocus}
        onChange={(e) => props.onAmountChange(e.target.value)}
        onBlur={() => {
          const parsed = parseMoneyInput(props.amount, props.currency);
          if (parsed) props.onAmountChange(formatAmountInput(parsed, language));
          props.onBlur();
        }}
        error={Boolean(props.error)}
        helperText={props.error ?? props.helperText}
        slotProps={{
          htmlInput: { inputMode: 'decimal', autoComplete: 'off' },
          formHelperText: {
            sx: props.warning && !props.error ? { color: 'warning.dark' } : undefined,
          },
        }}
      />
    </Box>
  );
}
