import { useCallback, useMemo, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import {
  commandSchemas,
  toCrmErrorData,
  toFieldIssues,
  type CommandName,
  type FieldIssue,
} from '../../shared/api';
import { afterPointerRelease } from './after-pointer-release';
import { crmErrorText, fieldIssueText, type FieldLabel } from '../i18n/error-text';

/** The field a person sees for an issue path: "amount.minor" is the amount field. */
export function topField(issue: FieldIssue): string {
  return issue.field.split('.')[0] ?? issue.field;
}

/**
 * Field issues for a command's arguments from the very schema the host validates with, so the
 * dialog and the boundary always agree on what is valid.
 */
export function validateCommand(command: CommandName, args: unknown): FieldIssue[] {
  const result = commandSchemas[command].safeParse(args);
  return result.success ? [] : toFieldIssues(result.error);
}

export interface CommandForm<V> {
  values: V;
  set<K extends keyof V>(field: K, value: V[K]): void;
  touch(field: string): void;
  /** The message under a field: shown once the field was left, or after a submit attempt. */
  errorFor(field: string): string | undefined;
  formRef: RefObject<HTMLFormElement | null>;
  onSubmit(event: FormEvent): void;
  busy: boolean;
  /** A problem that belongs to no field (not found, internal error, a refused move). */
  formError: string | undefined;
  setFormError(message: string | undefined): void;
  /** How many fields still block the submit, once a submit was tried. */
  blockingCount: number;
}

/**
 * Form state for a dialog that sends one command. Nothing is sent while a field is invalid; the
 * core's own ValidationError lands on the same fields; the typed values survive every error.
 */
export function useCommandForm<V extends object>(options: {
  initial: V | (() => V);
  validate: (values: V) => FieldIssue[];
  label: FieldLabel;
  run: (values: V) => Promise<void>;
}): CommandForm<V> {
  const { t } = useTranslation();
  const { validate, label, run } = options;
  const [values, setValues] = useState<V>(options.initial);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverIssues, setServerIssues] = useState<FieldIssue[]>([]);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | undefined>();
  const formRef = useRef<HTMLFormElement>(null);

  const issues = useMemo(() => validate(values), [validate, values]);

  const set = useCallback(<K extends keyof V>(field: K, value: V[K]) => {
    setValues((prev) => ({ ...prev, [field]: value }));
    setServerIssues((prev) => prev.filter((issue) => topField(issue) !== field));
  }, []);

  const touch = useCallback((field: string) => {
    afterPointerRelease(() =>
      setTouched((prev) => (prev.has(field) ? prev : new Set(prev).add(field))),
    );
  }, []);

  const errorFor = (field: string): string | undefined => {
    const issue =
      serverIssues.find((i) => topField(i) === field) ??
      (submitted || touched.has(field) ? issues.find((i) => topField(i) === field) : undefined);
    return issue ? fieldIssueText(t, issue, label) : undefined;
  };

  const focusFirstInvalid = () =>
    setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    event.stopPropagation(); // a dialog opened from another dialog's form must not submit that one
    if (busy) return;
    setSubmitted(true);
    setFormError(undefined);
    if (issues.length > 0) {
      focusFirstInvalid();
      return;
    }
    setBusy(true);
    run(values)
      .catch((error: unknown) => {
        const data = toCrmErrorData(error);
        const onFields =
          data.type === 'ValidationError' ? data.fields.filter((i) => label(topField(i))) : [];
        if (data.type === 'ValidationError' && onFields.length === data.fields.length) {
          setServerIssues(onFields);
          focusFirstInvalid();
        } else {
          setFormError(crmErrorText(t, data, label));
        }
      })
      .finally(() => setBusy(false));
  };

  return {
    values,
    set,
    touch,
    errorFor,
    formRef,
    onSubmit,
    busy,
    formError,
    setFormError,
    blockingCount: submitted ? new Set(issues.map(topField)).size : 0,
  };
}
