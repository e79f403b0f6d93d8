import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { RxJsonSchema } from 'rxdb';
import { COLLECTION_SCHEMAS } from '../../shared/schema';
import { fieldOfAjvError } from '../errors';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- schemas of any document type, as RxDB types them
export type CollectionSchemas = Record<string, RxJsonSchema<any>>;

export interface SyncCollection {
  name: string;
  primaryKey: string;
  /** Validates a document without `_deleted`; returns the first problem, or undefined. */
  validate(doc: Record<string, unknown>): { field?: string; message: string } | undefined;
}

// ajv-formats is CommonJS with `exports.default`; under Node's ESM loader the default import is the module object.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule })
  .default ?? addFormatsModule) as typeof addFormatsModule;

function describeError(error: ErrorObject): { field?: string; message: string } {
  const field = fieldOfAjvError(error);
  if (error.keyword === 'additionalProperties') {
    return { field, message: `${field} is not a field of this record` };
  }
  if (error.keyword === 'required') return { field, message: `${field} is required` };
  return { field, message: `${field ?? 'document'} ${error.message ?? 'is invalid'}` };
}

/**
 * Compiles every collection's RxDB JSON schema once. strict: false because RxDB schemas carry
 * keys ajv does not know (primaryKey, indexes, version, keyCompression, encrypted, ...).
 */
export function createCollectionRegistry(
  schemas: CollectionSchemas = COLLECTION_SCHEMAS,
): Map<string, SyncCollection> {
  const ajv = new Ajv({ strict: false, allErrors: false });
  addFormats(ajv);
  const registry = new Map<string, SyncCollection>();
  for (const [name, schema] of Object.entries(schemas)) {
    const pk: unknown = schema.primaryKey;
    const primaryKey = typeof pk === 'string' ? pk : (pk as { key: string }).key;
    // The RxDB-only `version` etc. are harmless with strict: false; `$id`-less schemas need no registration.
    const check: ValidateFunction = ajv.compile(schema as object);
    registry.set(name, {
      name,
      primaryKey,
      validate(doc) {
        if (check(doc)) return undefined;
        const first = check.errors?.[0];
        return first ? describeError(first) : { message: 'document is invalid' };
      },
    });
  }
  return registry;
}
