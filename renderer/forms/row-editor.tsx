import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlineOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import type { SxProps, Theme } from '@mui/material/styles';
import TextField from '@mui/material/TextField';
import type { ReactNode } from 'react';
import { parseMoneyInput } from '../../shared/domain';
import { formatAmountInput } from './opportunity-form';
import { useFormat } from '../i18n/format';

/**
 * Pieces shared by the contract's row editors (合同明细 and 回款计划): both are a list of rows
 * whose cells report errors under "<list>.<index>.<field>" — the path the zod contract names —
 * so one cell/remove/add vocabulary keeps their behaviour (touch on blur, money reformatting,
 * locking once signed) from drifting apart.
 */

/** Row-level editing helpers for a list held in the contract form. */
export function useRows<Row>(rows: Row[], onChange: (rows: Row[]) => void, list: string) {
  return {
    update: (index: number, patch: Partial<Row>) =>
      onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row))),
    remove: (index: number) => onChange(rows.filter((_, j) => j !== index)),
    add: (row: Row) => onChange([...rows, row]),
    /** The error path of one cell, as the contract's field errors name it. */
    cell: (index: number, name: string) => `${list}.${index}.${name}`,
  };
}

interface RowCellProps {
  /** Error path of the cell ("lineItems.0.quantity"). */
  field: string;
  /** Accessible name ("数量 1"): the column header is aria-hidden, so each cell names itself. */
  label: string;
  value: string;
  locked: boolean;
  onChange(value: string): void;
  errorOf(field: string): string | undefined;
  onTouch(field: string): void;
  type?: 'date';
  /** Numbers (quantity) get the decimal keypad. */
  decimal?: boolean;
  /** Money cells are decimal too and are rewritten in the language's grouping once typed. */
  currency?: string;
  sx?: SxProps<Theme>;
}

export function RowCell(props: RowCellProps) {
  const format = useFormat();
  const error = props.errorOf(props.field);
  const decimal = props.decimal || props.currency !== undefined;
  return (
    <TextField
      size="small"
      type={props.type}
      value={props.value}
      disabled={props.locked}
      slotProps={{
        htmlInput: {
          'aria-label': props.label,
          ...(decimal ? { inputMode: 'decimal' } : {}),
        },
      }}
      onChange={(e) => props.onChange(e.target.value)}
      onBlur={() => {
        if (props.currency !== undefined) {
          const parsed = parseMoneyInput(props.value, props.currency);
          if (parsed) props.onChange(formatAmountInput(parsed, format.language));
        }
        props.onTouch(props.field);
      }}
      error={Boolean(error)}
      helperText={error}
      sx={props.sx}
    />
  );
}

/** The last cell of a row: remove it, or an empty grid slot once the contract is locked. */
export function RemoveRowButton(props: { locked: boolean; label: string; onRemove(): void }) {
  if (props.locked) return <span />;
  return (
    <IconButton size="small" aria-label={props.label} onClick={props.onRemove}>
      <DeleteOutlineIcon fontSize="small" />
    </IconButton>
  );
}

/** Under the rows: "add" on the left (hidden when locked), the list's total/status on the right. */
export function RowsFooter(props: {
  locked: boolean;
  addLabel: string;
  onAdd(): void;
  children?: ReactNode;
}) {
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mt: 1 }}>
      {!props.locked && (
        <Button size="small" startIcon={<AddIcon />} onClick={props.onAdd}>
          {props.addLabel}
        </Button>
      )}
      <Box sx={{ flex: 1 }} />
      {props.children}
    </Box>
  );
}
