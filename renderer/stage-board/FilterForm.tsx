import Autocomplete, { createFilterOptions } from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { minorDigits, parseMoneyInput } from '../../shared/domain';
import type { BoardFilter, Named, OwnerFilter } from './board-filter';
import { dateFieldLabel } from './filter-chips';

interface FilterFormProps {
  filter: BoardFilter;
  onChange(filter: BoardFilter): void;
  owners: Named[];
  me: string | undefined;
  /** Accounts on the board; undefined when the board's cards have none. */
  accounts: Named[] | undefined;
  /** Currencies on the board, the main one first; undefined when cards carry no amount. */
  currencies: string[] | undefined;
  dateFields: string[];
}

const ANYONE = '*anyone';
const ME = '*me';
// A board can hold thousands of accounts; the picker shows the best 50 matches of what is typed.
const accountOptions = createFilterOptions<Named>({ limit: 50 });

const amountText = (minor: number | undefined, currency: string) =>
  minor === undefined ? '' : String(minor / 10 ** minorDigits(currency));

/** The filter popover's fields. Each applies as soon as it is valid; an invalid one says why. */
export function FilterForm(props: FilterFormProps) {
  const { filter, onChange, owners, me, accounts, currencies, dateFields } = props;
  const { t } = useTranslation();
  const currency = filter.currency ?? currencies?.[0] ?? 'CNY';
  const [minText, setMinText] = useState(amountText(filter.amountMin, currency));
  const [maxText, setMaxText] = useState(amountText(filter.amountMax, currency));
  const [amountError, setAmountError] = useState<'min' | 'max' | 'order' | null>(null);
  const [dateError, setDateError] = useState(false);
  const [fromText, setFromText] = useState(filter.dateFrom ?? '');
  const [toText, setToText] = useState(filter.dateTo ?? '');
  const dateField = filter.dateField ?? dateFields[0];

  const ownerValue =
    filter.owner.kind === 'anyone'
      ? ANYONE
      : filter.owner.kind === 'me'
        ? ME
        : filter.owner.ownerId;
  const setOwner = (value: string) => {
    const named = owners.find((o) => o.id === value);
    const owner: OwnerFilter =
      value === ME
        ? { kind: 'me' }
        : named
          ? { kind: 'owner', ownerId: named.id, ownerName: named.name }
          : { kind: 'anyone' };
    onChange({ ...filter, owner });
  };

  const applyAmounts = (min: string, max: string, inCurrency: string) => {
    const parse = (text: string) =>
      text.trim() === '' ? undefined : parseMoneyInput(text, inCurrency);
    const lo = parse(min);
    const hi = parse(max);
    if (lo === null) return setAmountError('min');
    if (hi === null) return setAmountError('max');
    if (lo && hi && hi.minor < lo.minor) return setAmountError('order');
    setAmountError(null);
    const { amountMin: _a, amountMax: _b, ...rest } = filter;
    onChange({
      ...rest,
      currency: inCurrency,
      ...(lo ? { amountMin: lo.minor } : {}),
      ...(hi ? { amountMax: hi.minor } : {}),
    });
  };

  const applyDates = (field: string | undefined, from: string, to: string) => {
    setFromText(from);
    setToText(to);
    if (from && to && to < from) return setDateError(true);
    setDateError(false);
    const { dateFrom: _f, dateTo: _t, dateField: _d, ...rest } = filter;
    onChange({
      ...rest,
      ...(field ? { dateField: field } : {}),
      ...(from ? { dateFrom: from } : {}),
      ...(to ? { dateTo: to } : {}),
    });
  };

  const amountHelp =
    amountError === 'order' ? t('boardTools.amountOrder') : t('boardTools.amountInvalid');
  return (
    <Box sx={{ display: 'grid', gap: 2, p: 2, width: 360, maxWidth: '90vw' }}>
      <TextField
        select
        size="small"
        label={t('boardTools.owner')}
        value={
          owners.some((o) => o.id === ownerValue) || ownerValue.startsWith('*')
            ? ownerValue
            : ANYONE
        }
        onChange={(event) => setOwner(event.target.value)}
      >
        <MenuItem value={ANYONE}>{t('boardTools.ownerAnyone')}</MenuItem>
        <MenuItem value={ME} disabled={me === undefined}>
          {t('boardTools.ownerMe')}
        </MenuItem>
        {owners.map((o) => (
          <MenuItem key={o.id} value={o.id}>
            {o.name}
          </MenuItem>
        ))}
      </TextField>
      {accounts && (
        <Autocomplete
          size="small"
          options={accounts}
          filterOptions={accountOptions}
          value={filter.account ?? null}
          getOptionLabel={(o) => o.name}
          isOptionEqualToValue={(a, b) => a.id === b.id}
          onChange={(_event, value) => {
            const { account: _removed, ...rest } = filter;
            onChange(value ? { ...rest, account: value } : rest);
          }}
          renderInput={(params) => (
            <TextField
              {...params}
              label={t('boardTools.account')}
              placeholder={t('boardTools.accountAny')}
            />
          )}
        />
      )}
      {currencies && (
        <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr 88px', gap: 1 }}>
          <TextField
            size="small"
            label={t('boardTools.amountMin')}
            value={minText}
            error={amountError === 'min'}
            onChange={(event) => {
              setMinText(event.target.value);
              applyAmounts(event.target.value, maxText, currency);
            }}
            slotProps={{ htmlInput: { inputMode: 'decimal' } }}
          />
          <TextField
            size="small"
            label={t('boardTools.amountMax')}
            value={maxText}
            error={amountError === 'max' || amountError === 'order'}
            onChange={(event) => {
              setMaxText(event.target.value);
              applyAmounts(minText, event.target.value, currency);
            }}
            slotProps={{ htmlInput: { inputMode: 'decimal' } }}
          />
          <TextField
            select
            size="small"
            label={t('boardTools.currency')}
            value={currency}
            onChange={(event) => applyAmounts(minText, maxText, event.target.value)}
          >
            {currencies.map((c) => (
              <MenuItem key={c} value={c}>
                {c}
              </MenuItem>
            ))}
          </TextField>
          <Box
            role={amountError ? 'alert' : undefined}
            sx={{
              gridColumn: '1 / -1',
              mt: -0.5,
              fontSize: 12,
              color: amountError ? 'error.main' : 'text.secondary',
            }}
          >
            {amountError ? amountHelp : t('boardTools.amountHint', { currency })}
          </Box>
        </Box>
      )}
      {dateField !== undefined && (
        <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 1 }}>
          <TextField
            select
            size="small"
            label={t('boardTools.dateField')}
            value={dateField}
            onChange={(event) => applyDates(event.target.value, fromText, toText)}
            sx={{ gridColumn: '1 / -1' }}
          >
            {dateFields.map((key) => (
              <MenuItem key={key} value={key}>
                {dateFieldLabel(t, key)}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            type="date"
            size="small"
            label={t('boardTools.dateFrom')}
            value={fromText}
            onChange={(event) => applyDates(dateField, event.target.value, toText)}
            slotProps={{ inputLabel: { shrink: true } }}
          />
          <TextField
            type="date"
            size="small"
            label={t('boardTools.dateTo')}
            value={toText}
            error={dateError}
            helperText={dateError ? t('boardTools.dateOrder') : undefined}
            onChange={(event) => applyDates(dateField, fromText, event.target.value)}
            slotProps={{ inputLabel: { shrink: true } }}
          />
        </Box>
      )}
    </Box>
  );
}
