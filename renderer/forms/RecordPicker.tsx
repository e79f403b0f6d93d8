import AddIcon from '@mui/icons-material/Add';
import Autocomplete, { createFilterOptions } from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import { useTranslation } from 'react-i18next';

/** A record as a picker shows it. */
export interface Named {
  id: string;
  name: string;
}

type Option = { kind: 'record'; record: Named } | { kind: 'create'; name: string };

const filterRecords = createFilterOptions<Option>({
  stringify: (option) => (option.kind === 'record' ? option.record.name : ''),
});

export interface RecordPickerProps {
  id: string;
  label: string;
  value: Named | null;
  options: readonly Named[] | undefined;
  onChange(value: Named | null): void;
  onBlur?(): void;
  /** Offers "New … “typed text”" at the end of the list; called with what was typed. */
  onCreate?(name: string): void;
  createLabel?(name: string): string;
  required?: boolean;
  disabled?: boolean;
  error?: string;
  helperText?: string;
  placeholder?: string;
  autoFocus?: boolean;
}

/**
 * Pick a record by typing part of its name, or create one inline without leaving the dialog: a
 * rep filling in an opportunity for a customer that is not in the system yet should not have to
 * cancel and start over.
 */
export function RecordPicker(props: RecordPickerProps) {
  const { t } = useTranslation();
  const options: Option[] = (props.options ?? []).map((record) => ({ kind: 'record', record }));
  const value: Option | null = props.value ? { kind: 'record', record: props.value } : null;
  const { onCreate, createLabel } = props;

  return (
    <Autocomplete<Option, false, false, false>
      id={props.id}
      value={value}
      options={options}
      loading={props.options === undefined}
      disabled={props.disabled}
      autoHighlight
      noOptionsText={t('opportunityDialog.noOptions')}
      isOptionEqualToValue={(a, b) =>
        a.kind === 'record' && b.kind === 'record' ? a.record.id === b.record.id : a === b
      }
      getOptionLabel={(option) =>
        option.kind === 'record' ? option.record.name : (createLabel?.(option.name) ?? option.name)
      }
      getOptionKey={(option) => (option.kind === 'record' ? option.record.id : '(create)')}
      filterOptions={(all, state) => {
        const shown = filterRecords(all, state);
        if (!onCreate) return shown;
        const typed = state.inputValue.trim();
        const exact = all.some((o) => o.kind === 'record' && o.record.name === typed);
        // While the field shows the chosen record's name, the typed text is that name, not a new one.
        const showsValue = value?.kind === 'record' && value.record.name === typed;
        return exact || showsValue ? shown : [...shown, { kind: 'create', name: typed }];
      }}
      onChange={(_event, next) => {
        if (next?.kind === 'create') onCreate?.(next.name);
        else props.onChange(next?.record ?? null);
      }}
      onBlur={props.onBlur}
      renderOption={({ key, ...optionProps }, option) => (
        <Box component="li" key={key} {...optionProps}>
          {option.kind === 'create' ? (
            <Box
              sx={{
                display: 'flex',
                alignItems: 'center',
                gap: 1,
                color: 'primary.main',
                fontWeight: 600,
              }}
            >
              <AddIcon fontSize="small" />
              {createLabel?.(option.name)}
            </Box>
          ) : (
            option.record.name
          )}
        </Box>
      )}
      renderInput={(params) => (
        <TextField
          {...params}
          label={props.label}
          required={props.required}
          error={Boolean(props.error)}
          helperText={props.error ?? props.helperText}
          placeholder={props.placeholder}
          autoFocus={props.autoFocus}
        />
      )}
    />
  );
}
