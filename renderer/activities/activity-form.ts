import type { ActivityRecordType, FieldIssue } from '../../shared/api';
import type { Activity, ActivityKind } from '../../shared/domain';
import { validateCommand } from '../forms/use-command-form';
import { isStartOfDay, localInstant, localIsoDate, localTime } from './local-day';

/** The record an activity is about, as a picker shows it. */
export interface AboutOption {
  id: string;
  name: string;
  type: ActivityRecordType;
}

/** What the dialog edits: text as typed, the due time split the way people enter it. */
export interface ActivityValues {
  kind: ActivityKind;
  subject: string;
  date: string;
  time: string;
  notes: string;
  done: boolean;
  record: AboutOption | null;
}

export const ACTIVITY_FORM_FIELDS = ['kind', 'subject', 'recordId', 'dueAt', 'notes'] as const;
export type ActivityFormField = (typeof ACTIVITY_FORM_FIELDS)[number];
export const isActivityFormField = (field: string): field is ActivityFormField =>
  (ACTIVITY_FORM_FIELDS as readonly string[]).includes(field);

export function initialActivityValues(
  activity: Activity | undefined,
  defaults: { record?: AboutOption | null; date?: string; kind?: ActivityKind },
): ActivityValues {
  const due = activity?.dueAt;
  return {
    kind: activity?.kind ?? defaults.kind ?? 'visit',
    subject: activity?.subject ?? '',
    date: due !== undefined ? localIsoDate(due) : (defaults.date ?? ''),
    time: due !== undefined && !isStartOfDay(due) ? localTime(due) : '',
    notes: activity?.notes ?? '',
    done: activity?.done ?? false,
    record: defaults.record ?? null,
  };
}

/** The due instant the form means: null for none, NaN for what is not a date. */
export function dueAtOf(values: Pick<ActivityValues, 'date' | 'time'>): number | null {
  if (!values.date && !values.time) return null;
  return values.date ? localInstant(values.date, values.time) : NaN;
}

/** The editable fields as the create and update commands take them. */
export function toActivityFields(values: ActivityValues) {
  return {
    kind: values.kind,
    subject: values.subject,
    dueAt: dueAtOf(values),
    notes: values.notes,
    done: values.done,
  };
}

/**
 * Issues against the very schema the host validates with. A due date that is no date is named
 * here (NaN never reaches zod), and a missing record is one field, the picker, not two.
 */
export function validateActivity(values: ActivityValues): FieldIssue[] {
  const fields = toActivityFields(values);
  const dueAt = fields.dueAt;
  const issues = validateCommand('activities/create', {
    ...fields,
    dueAt: dueAt !== null && Number.isNaN(dueAt) ? undefined : dueAt,
    recordType: values.record?.type,
    recordId: values.record?.id,
  }).filter((issue) => issue.field !== 'recordType');
  if (dueAt !== null && Number.isNaN(dueAt)) issues.push({ field: 'dueAt', code: 'invalid' });
  return issues;
}
