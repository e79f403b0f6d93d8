/**
 * Issue 13's yardstick for the sync server on PostgreSQL: the same rows a push writes, inserted
 * into the same `documents` table by the pg driver alone in ONE statement (`INSERT … SELECT FROM
 * unnest(…)`: one round trip, one transaction), with no HTTP, no JSON schema, no rulebook, no
 * sequence lock, no references, no notices. What a bulk load of the table can do at best, so the
 * server's push throughput is read against it ("server push ≥ 50% of a raw bulk insert").
 */
import pg from 'pg';
import type { SyncStoreConfig } from '../server/store/index';
import { scopeColumns } from '../server/store/references';
import type { PushRow } from '../shared/sync/protocol';
import { COLLECTION } from './sync-client';

/** The rows a push of `rows` writes: each record and the stage events it brings. */
function documentRows(rows: readonly PushRow[]) {
  return rows.flatMap((row) => [
    { collection: COLLECTION, data: row.newDocumentState },
    ...(row.stageEvents ?? []).map((event) => ({ collection: 'stageevents', data: event })),
  ]);
}

export interface RawInserter {
  /** Inserts `rows` (and their stage events) into `orgId` in one statement; returns elapsed ms. */
  insert(orgId: string, rows: readonly PushRow[], updatedBy: string): Promise<number>;
  /**
   * Writes the dirty pages out (CHECKPOINT) before a timed part, so that no part pays for the
   * checkpoint the part before it set off. Skipped where the bench's database user may not.
   */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export async function rawInserter(config: SyncStoreConfig): Promise<RawInserter> {
  if (config.kind !== 'postgres') throw new Error('the raw bulk insert is PostgreSQL only');
  const client = new pg.Client({ connectionString: config.databaseUrl });
  await client.connect();
  const table = `${config.schema ? `${pg.escapeIdentifier(config.schema)}.` : ''}documents`;
  // Seqs only need to be unique per organisation here; far above what the server hands out.
  let seq = 1_000_000_000;
  return {
    async insert(orgId, rows, updatedBy) {
      const docs = documentRows(rows);
      const columns = {
        collection: [] as string[],
        id: [] as string[],
        seq: [] as number[],
        data: [] as string[],
        ownerId: [] as (string | null)[],
        accountId: [] as (string | null)[],
      };
      for (const { collection, data } of docs) {
        const { _deleted: _, ...fields } = data as Record<string, unknown>;
        const scope = scopeColumns(collection, fields);
        columns.collection.push(collection);
        columns.id.push(String(fields.id));
        columns.seq.push(++seq);
        columns.data.push(JSON.stringify(fields));
        columns.ownerId.push(scope.owner_id);
        columns.accountId.push(scope.account_id);
      }
      const start = performance.now();
      const result = await client.query(
        `INSERT INTO ${table} (org_id, collection, id, seq, data, deleted, updated_by, owner_id, account_id)
         SELECT $1, c, i, s, d, false, $2, o, a
         FROM unnest($3::text[], $4::text[], $5::bigint[], $6::text[], $7::text[], $8::text[])
           AS t(c, i, s, d, o, a)`,
        [
          orgId,
          updatedBy,
          columns.collection,
          columns.id,
          columns.seq,
          columns.data,
          columns.ownerId,
          columns.accountId,
        ],
      );
      const elapsed = performance.now() - start;
      if (result.rowCount !== docs.length)
        throw new Error(`raw insert wrote ${result.rowCount} of ${docs.length} rows`);
      return elapsed;
    },
    async settle() {
      await client.query('CHECKPOINT').catch(() => undefined);
    },
    close: () => client.end(),
  };
}
