import TextField, { type OutlinedTextFieldProps } from '@mui/material/TextField';
import type { CommandForm } from './use-command-form';

/** The form fields that hold text (pickers hold records and are bound differently). */
type TextFields<V> = { [K in keyof V]: V[K] extends string ? K : never }[keyof V] & string;

interface FormTextFieldProps<V> {
  form: CommandForm<V>;
  field: TextFields<V>;
  /** Prefix for the element id, so two dialogs open at once never share an id. */
  idPrefix: string;
  label: string;
  /** Shown while the field has no error. */
  hint?: string;
  required?: boolean;
  type?: string;
  placeholder?: string;
  autoFocus?: boolean;
  multiline?: boolean;
  minRows?: number;
  maxRows?: number;
  slotProps?: OutlinedTextFieldProps['slotProps'];
}

/** A text field bound to a command form: its value, its "left the field" moment and its error. */
export function FormTextField<V extends object>({
  form,
  field,
  idPrefix,
  hint,
  ...props
}: FormTextFieldProps<V>) {
  const error = form.errorFor(field);
  return (
    <TextField
      {...props}
      id={`${idPrefix}-${field}`}
      name={field}
      value={form.values[field] as string}
      onChange={(e) => form.set(field, e.target.value as V[TextFields<V>])}
      onBlur={() => form.touch(field)}
      error={Boolean(error)}
      helperText={error ?? hint}
    />
  );
}
