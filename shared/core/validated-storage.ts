import { META_INSTANCE_SCHEMA_TITLE, type RxStorage } from 'rxdb';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';

/**
 * The storage every collection writes through RxDB's ajv validator, except the replication's
 * meta instances (RxDB's own bookkeeping: checkpoints and, per synced document, the state the
 * server was last known to have). Every state a meta document holds was validated already: a
 * pulled state by the collection's own write, which RxDB makes before the meta write and only
 * follows with one when it succeeded, and a pushed state when it was written locally. Validating
 * it again cost a first sync about a sixth of its meta writes (docs/sync.md, "First sync").
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- RxDB's storages are generic in both
export function validatedStorage(storage: RxStorage<any, any>): RxStorage<any, any> {
  const validated = wrappedValidateAjvStorage({ storage });
  return {
    ...validated,
    createStorageInstance(params) {
      return params.schema.title === META_INSTANCE_SCHEMA_TITLE
        ? storage.createStorageInstance(params)
        : validated.createStorageInstance(params);
    },
  };
}
