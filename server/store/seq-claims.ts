import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { SyncDatabase } from './tables';

/*
 * PostgreSQL: a firm's pushes hold its sequence only while they claim seqs (issue 13).
 *
 * A push transaction used to lock its organisation's row first and keep it until commit, so the
 * firm's pushes ran one at a time: seqs then became visible in order, and a pull that had seen
 * seq n never missed a smaller one committed later. Now the row is locked in a second, short
 * transaction (the claim): under it the push checks what its plan read, then raises last_seq by
 * the number of its writes, records the claim (first and last seq, its own transaction id) and
 * commits. The firm's next push may claim at once, while this one writes and commits in
 * parallel, and deletes its claim row in the same commit as its documents.
 *
 * What the lock used to give is kept this way:
 * - Pulls stop below the firm's lowest claim still in progress (`pullHorizon`): whatever a pull
 *   returns, every smaller seq is committed or never will be.
 * - A push checks its plan against everything committed before it. While it holds the firm
 *   lock, the claims in progress are the only writes it cannot see; it waits for those whose
 *   documents it read or writes (`claimsTouching`), or for all of them when its plan asked a
 *   lookup or must be judged again (all those `lockFirm` lists). Each claiming transaction holds
 *   an advisory lock named after its transaction id until it ends, so waiting is taking that
 *   lock (and letting it go at once).
 * - A transaction that dies leaves its claim row behind, with an aborted id: ignored by
 *   everything here, and deleted by the firm's next claim. Its seqs are simply never used.
 */

type Db = Kysely<SyncDatabase> | Transaction<SyncDatabase>;

/** The advisory lock a claiming transaction holds until it ends, named by its id. */
const claimLock = (orgId: string, xid: RawBuilder<string>) =>
  sql`hashtextextended(${`seq-claim|${orgId}|`} || ${xid}, 0)`;

/**
 * First in a push transaction: its id, and the lock others wait on while it has a claim (held
 * from here to its end; nobody waits on it before its claim is visible).
 */
export async function beginClaimant(
  trx: Transaction<SyncDatabase>,
  orgId: string,
): Promise<string> {
  const xid = sql<string>`pg_current_xact_id()::text`;
  const row = await sql<{ xid: string }>`
    select ${xid} as xid, pg_advisory_xact_lock(${claimLock(orgId, xid)})`.execute(trx);
  return row.rows[0]!.xid;
}

/** Claims still running (not committed, not aborted). */
const inProgress = sql`pg_xact_status(c.xid::xid8) = 'in progress'`;

/**
 * The organisation's row, locked until `claim` ends (the firm lock), with the transaction ids of
 * its claims in progress.
 */
export async function lockFirm(
  claim: Transaction<SyncDatabase>,
  orgId: string,
  commit: 'durable' | 'claim only',
): Promise<{ lastSeq: number; visibility: string; claims: string[] } | undefined> {
  // Not FOR UPDATE: the documents' foreign key takes KEY SHARE on this row as a push inserts,
  // so a push writing after its claim would wait for the next claim's lock, which waits for it.
  // A claim ('claim only') commits without waiting for its WAL to reach the disk
  // (synchronous_commit off, for this transaction only): the firm lock is then held for well under a millisecond instead of a
  // disk flush (about 3 ms here), and nothing durable is lost. Documents only ever depend on a
  // claim through a push transaction that commits after it, synchronously, and WAL is flushed in
  // order, so that commit makes the claim durable too. A claim lost in a crash had no document
  // committed on it: its numbers are simply never used (seqs may have gaps), as when a push dies.
  const rows = await sql<{ last: number; visibility: string; claims: string[] }>`
    select ${commit === 'claim only' ? sql`set_config('synchronous_commit', 'off', true) as unsynced,` : sql``}
      o.last_seq as last, o.visibility,
      array(select c.xid from seq_claims c where c.org_id = o.id and ${inProgress}) as claims
    from organisations o where o.id = ${orgId}
    for no key update`.execute(claim);
  const row = rows.rows[0];
  return row && { lastSeq: Number(row.last), visibility: row.visibility, claims: row.claims };
}

/** The firm's claims in progress that write any of `keys` (docKey: collection|id). */
export async function claimsTouching(
  db: Db,
  orgId: string,
  keys: readonly string[],
): Promise<string[]> {
  if (keys.length === 0) return [];
  // A hash join of the claims' keys with ours: `&&` on two arrays would compare every pair.
  const rows = await sql<{ xid: string }>`
    select distinct c.xid
    from seq_claims c
    cross join lateral unnest(c.doc_keys) as written(key)
    join unnest(${[...keys]}::text[]) as mine(key) on mine.key = written.key
    where c.org_id = ${orgId} and ${inProgress}`.execute(db);
  return rows.rows.map((row) => row.xid);
}

/** Waits until the claims' transactions have ended (taking and at once releasing each lock). */
export async function waitForClaims(db: Db, orgId: string, xids: readonly string[]): Promise<void> {
  for (const xid of xids) {
    const lock = claimLock(orgId, sql.val(xid));
    // One statement: the session lock is released in it, whatever happens to the transaction.
    await sql`select pg_advisory_lock_shared(${lock}), pg_advisory_unlock_shared(${lock})`.execute(
      db,
    );
  }
}

/**
 * Under the firm lock: claims `count` seqs for the transaction `xid` (which holds its claim lock,
 * `beginClaimant`), in one statement, clearing claims whose transactions died. Returns the last
 * seq before the claim. Others see the claim once `claim` commits.
 */
export async function claimSeqs(
  claim: Transaction<SyncDatabase>,
  orgId: string,
  count: number,
  xid: string,
  keys: readonly string[],
): Promise<number> {
  const rows = await sql<{ first: number }>`
    with dead as (
      delete from seq_claims c
      where c.org_id = ${orgId} and pg_xact_status(c.xid::xid8) is distinct from 'in progress'
    ), org as (
      update organisations set last_seq = last_seq + ${count} where id = ${orgId}
      returning last_seq
    )
    insert into seq_claims (org_id, first_seq, last_seq, xid, doc_keys)
    select ${orgId}, org.last_seq - ${count} + 1, org.last_seq, ${xid}, ${[...keys]}::text[]
    from org
    returning first_seq as first`.execute(claim);
  return Number(rows.rows[0]!.first) - 1;
}

/** In the push transaction, with its documents: the claim is over. */
export async function endClaim(
  push: Transaction<SyncDatabase>,
  orgId: string,
  lastSeqBefore: number,
): Promise<void> {
  await push
    .deleteFrom('seq_claims')
    .where('org_id', '=', orgId)
    .where('first_seq', '=', lastSeqBefore + 1)
    .execute();
}

/** The firm as an optimistic plan starts (optimistic.ts FirmNow), in one statement. */
export async function firmNow(
  db: Db,
  orgId: string,
): Promise<{ lastSeq: number; visibility: string; settled: boolean } | undefined> {
  const rows = await sql<{ last: number; visibility: string; settled: boolean }>`
    select o.last_seq as last, o.visibility,
      not exists (select 1 from seq_claims c where c.org_id = o.id and ${inProgress}) as settled
    from organisations o where o.id = ${orgId}`.execute(db);
  const row = rows.rows[0];
  return row && { lastSeq: Number(row.last), visibility: row.visibility, settled: row.settled };
}

/**
 * The highest seq a pull of the firm may return now: below its lowest claim in progress, else
 * its last seq. Read in a statement before the pull's, so that every seq up to it has ended.
 */
export async function pullHorizon(db: Db, orgId: string): Promise<number> {
  const rows = await sql<{ last: number; pending: number | null }>`
    select o.last_seq as last,
      (select min(c.first_seq) from seq_claims c where c.org_id = o.id and ${inProgress}) as pending
    from organisations o where o.id = ${orgId}`.execute(db);
  const row = rows.rows[0];
  if (!row) return 0;
  return row.pending === null ? Number(row.last) : Number(row.pending) - 1;
}
