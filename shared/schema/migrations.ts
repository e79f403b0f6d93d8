import type { MigrationStrategies } from 'rxdb';

/**
 * Schema versions and how stored documents move from one to the next.
 *
 * RxDB stores each collection's schema hash with its data and refuses to open data whose hash
 * differs at the same version (error DB6): a person who updates LTC Desk would be locked out of
 * their own records. So every change to a collection's JSON schema gets a new version here, with
 * a strategy that turns a stored document of the previous version into a valid one of the new.
 * test/fixtures/schemas-v0.json is the schema set the first builds shipped; main/schema-migration
 * .test.ts opens data written with it on a real SQLite file and checks that it survives.
 *
 * Version 1 (issue 5, the whole LTC flow) only added optional fields (line items, payment plans,
 * milestones, merge marks, gate records) and widened the opportunity stage to a pipeline's own
 * stage keys — every v0 document is already a valid v1 document, so the strategy keeps it as is.
 */
const unchanged = (doc: unknown) => doc;

/*
 * Version 2 (one rulebook, issue 12) only adds optional fields: every record's createdBy (the
 * sync server stamps who made it), an opportunity's managerNote (seen by managers only), and an
 * audit entry's role and receivedAt (stamped by the server). Again nothing stored changes.
 */
export const MIGRATION_STRATEGIES: Record<string, MigrationStrategies> = {
  accounts: { 1: unchanged, 2: unchanged },
  contacts: { 1: unchanged, 2: unchanged },
  leads: { 1: unchanged, 2: unchanged },
  opportunities: { 1: unchanged, 2: unchanged },
  contracts: { 1: unchanged, 2: unchanged },
  deliveries: { 1: unchanged, 2: unchanged },
  invoices: { 1: unchanged, 2: unchanged },
  payments: { 1: unchanged },
  activities: { 1: unchanged },
  stageevents: { 1: unchanged, 2: unchanged },
  fieldchanges: { 1: unchanged },
  pipelines: { 1: unchanged },
};

/** The schema version of a collection: the highest version it has a strategy for. */
export function schemaVersion(collection: string): number {
  const versions = Object.keys(MIGRATION_STRATEGIES[collection] ?? {}).map(Number);
  return versions.length > 0 ? Math.max(...versions) : 0;
}

/** The schemas with their version set from MIGRATION_STRATEGIES, so the two cannot drift apart. */
export function versioned<T extends Record<string, object>>(schemas: T): T {
  return Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => [
      name,
      { ...schema, version: schemaVersion(name) },
    ]),
  ) as T;
}
