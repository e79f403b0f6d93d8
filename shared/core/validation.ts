import { getValidator } from 'rxdb/plugins/validate-ajv';
import { validationError, type FieldIssue } from '../api/errors';
import { COLLECTION_SCHEMAS, type CollectionName } from '../schema/collections';
import type { LtcDocuments } from './database';

/** One ajv error, as much of it as we read. */
interface AjvIssue {
  keyword: string;
  instancePath: string;
  params: { missingProperty?: string; additionalProperty?: string };
}

const validators = new Map<CollectionName, (doc: unknown) => AjvIssue[]>();

function validatorFor(collection: CollectionName): (doc: unknown) => AjvIssue[] {
  let validate = validators.get(collection);
  if (!validate) {
    // The same ajv instance (with formats) that the validating storage wrapper uses.
    validate = getValidator(COLLECTION_SCHEMAS[collection]) as (doc: unknown) => AjvIssue[];
    validators.set(collection, validate);
  }
  return validate;
}

function toFieldIssue(issue: AjvIssue): FieldIssue {
  const path = issue.instancePath.split('/').filter(Boolean);
  switch (issue.keyword) {
    case 'required':
      return { field: [...path, issue.params.missingProperty].join('.'), code: 'required' };
    case 'additionalProperties':
      return { field: [...path, issue.params.additionalProperty].join('.'), code: 'unknownField' };
    case 'maxLength':
      return { field: path.join('.'), code: 'tooLong' };
    default:
      return { field: path.join('.') || '(document)', code: 'invalid' };
  }
}

/**
 * Checks a document against its collection's schema before anything is written. The storage
 * validates again on write; checking first lets a two-document change (an opportunity and its
 * stage event) refuse as a whole, and turns a schema failure into a ValidationError naming fields.
 */
export function assertValidDocument<C extends CollectionName>(
  collection: C,
  doc: LtcDocuments[C],
): void {
  const issues = validatorFor(collection)(doc);
  if (issues.length === 0) return;
  const fields = new Map<string, FieldIssue>();
  for (const issue of issues.map(toFieldIssue)) {
    if (!fields.has(issue.field)) fields.set(issue.field, issue);
  }
  throw validationError([...fields.values()]);
}
