import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { SyncDatabase } from './tables';

/**
 * The server epoch: a random id kept in the store and made anew by every restore of a backup.
 * Clients keep it with their checkpoints; a different one tells them the server's data went back
 * in time, so they send again what it lost and pull everything again (shared/sync/epoch-recovery.ts).
 */
const ROW_ID = 'current';

/** 32 hex digits: what a push may carry (the route's schema checks the same pattern). */
export const EPOCH_PATTERN = '^[0-9a-f]{32}$';

function newEpoch(): string {
  return randomBytes(16).toString('hex');
}

/** Creates the epoch when there is none yet (a new store, or one from before migration 0006). */
export async function ensureEpoch(db: Kysely<SyncDatabase>): Promise<void> {
  await db
    .insertInto('server_epoch')
    .values({ id: ROW_ID, epoch: newEpoch() })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export async function readEpoch(db: Kysely<SyncDatabase>): Promise<string> {
  const row = await db
    .selectFrom('server_epoch')
    .select('epoch')
    .where('id', '=', ROW_ID)
    .executeTakeFirstOrThrow();
  return row.epoch;
}

/**
 * After a restore: a new epoch, and every organisation's epoch_seq set to its last_seq, so
 * clients can tell what was restored from what is written after.
 */
export async function renewEpoch(db: Kysely<SyncDatabase>): Promise<string> {
  const epoch = newEpoch();
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('server_epoch').execute();
    await trx.insertInto('server_epoch').values({ id: ROW_ID, epoch }).execute();
    await trx
      .updateTable('organisations')
      .set((eb) => ({ epoch_seq: eb.ref('last_seq') }))
      .execute();
  });
  return epoch;
}
