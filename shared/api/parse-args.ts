import type { z } from 'zod';
import { validationError, type FieldIssue } from './errors';

function issueCode(issue: z.core.$ZodIssue): FieldIssue['code'] {
  switch (issue.code) {
    case 'too_small':
      // min(1) is "required"; a longer minimum (a password) is "too short". Schemas that have
      // one say min(1) first, so an empty value still reads as a missing one.
      if (issue.origin !== 'string') return 'invalid';
      return Number(issue.minimum) > 1 ? 'tooShort' : 'required';
    case 'too_big':
      return issue.origin === 'string' ? 'tooLong' : 'invalid';
    case 'unrecognized_keys':
      return 'unknownField';
    case 'invalid_type':
      return issue.input === undefined ? 'required' : 'invalid';
    default:
      return 'invalid';
  }
}

/**
 * zod issues → field issues, one per field (the first problem is the one a person fixes first).
 * Parse with `{ reportInput: true }`: zod 4 leaves `issue.input` out otherwise, and a wrong value
 * would then read as a missing one.
 */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  const seen = new Map<string, FieldIssue>();
  for (const issue of error.issues) {
    const paths =
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((k) => [...issue.path, k].join('.'))
        : [issue.path.join('.') || '(arguments)'];
    for (const field of paths) {
      if (!seen.has(field)) seen.set(field, { field, code: issueCode(issue) });
    }
  }
  return [...seen.values()];
}

/** Parse or throw a ValidationError naming every invalid field. */
export function parseArgs<S extends z.ZodType>(schema: S, args: unknown): z.output<S> {
  const result = schema.safeParse(args, { reportInput: true });
  if (!result.success) throw validationError(toFieldIssues(result.error));
  return result.data;
}
