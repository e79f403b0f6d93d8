import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WireDocument } from '../../shared/sync/protocol';
import { newId } from '../../shared/domain/ids';
import { openTestStore, TEST_DATABASE_URL, type TestStore } from './test-support';
import type { SyncStore } from './types';

/*
 * PostgreSQL's seq claims (seq-claims.ts): a firm's pushes are serialised only while they claim
 * seqs, and pulls still never skip a seq that commits late. A push is held in its write phase,
 * after its claim, by a row lock the test takes on the document it updates.
 */

const T0 = 1_760_000_000_000;
const doc = (id: string, fields: Record<string, unknown> = {}): WireDocument => ({
  id,
  ...fields,
  _deleted: false,
});

describe('seq claims on PostgreSQL', () => {
  let t: TestStore;
  let store: SyncStore;
  let orgId: string;
  let sql: pg.Client;

  beforeEach(async () => {
    t = await openTestStore('postgres');
    store = t.store;
    orgId = newId();
    await store.createOrganisation({ id: orgId, name: 'Acme', createdAt: T0 });
    const schema = t.config.kind === 'postgres' ? t.config.schema : undefined;
    sql = new pg.Client({
      connectionString: TEST_DATABASE_URL,
      options: `-c search_path=${schema}`,
    });
    await sql.connect();
  });

  afterEach(async () => {
    await sql.end();
    await t.cleanup();
  });

  /** Writes `docs` into `collection` as they are; resolves with the push's last seq. */
  const put = (collection: string, docs: WireDocument[], base?: (count: number) => number) =>
    store.push(
      orgId,
      collection,
      docs.map((d) => String(d.id)),
      (masters) =>
        docs.map((d) => {
          const before = masters.get(String(d.id));
          const count = typeof before?.count === 'number' ? before.count : 0;
          const data = base ? { ...d, count: base(count) } : d;
          return { id: String(d.id), data, updatedBy: 'u' };
        }),
    );

  /** Holds a row lock on the stored document until `release` is called. */
  async function holdRow(collection: string, id: string) {
    const holder = new pg.Client({
      connectionString: TEST_DATABASE_URL,
      options: `-c search_path=${t.config.kind === 'postgres' ? t.config.schema : ''}`,
    });
    await holder.connect();
    await holder.query('begin');
    await holder.query(
      'select 1 from documents where org_id = $1 and collection = $2 and id = $3 for update',
      [orgId, collection, id],
    );
    return {
      holder,
      release: async () => {
        await holder.query('commit');
        await holder.end();
      },
    };
  }

  /** The firm's claims rows (in progress or left by a dead transaction). */
  const claims = async () =>
    (await sql.query<{ first: string }>('select first_seq as first from seq_claims')).rows.length;

  async function until(check: () => Promise<boolean>, what: string): Promise<void> {
    for (let i = 0; i < 200; i++) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  it('lets a later push of the firm commit while an earlier one still writes, and pulls wait for the earlier', async () => {
    await put('accounts', [doc('slow', { name: 'before' })]);
    const row = await holdRow('accounts', 'slow');
    let slowDone = false;
    const slow = put('accounts', [doc('slow', { name: 'after' }), doc('slow-new')]).then((seq) => {
      slowDone = true;
      return seq;
    });
    // The slow push has claimed its seqs (2 and 3) and waits in its write phase.
    await until(async () => (await claims()) === 1, 'the slow push to claim');

    const fast = await put('accounts', [doc('fast')]);
    expect(fast).toBe(4);
    expect(slowDone).toBe(false);
    // A pull stops below the slow push's claim: seq 4 is committed, but 2 and 3 are not yet.
    const early = await store.pull(orgId, 'accounts', 1, 100);
    expect(early).toEqual([]);
    expect((await store.pull(orgId, 'accounts', 0, 100)).map((d) => d.id)).toEqual(['slow']);

    await row.release();
    expect(await slow).toBe(3);
    expect(await claims()).toBe(0);
    const late = await store.pull(orgId, 'accounts', 1, 100);
    expect(late.map((d) => [d.id, d.seq])).toEqual([
      ['slow', 2],
      ['slow-new', 3],
      ['fast', 4],
    ]);
    expect(late[0]!.data.name).toBe('after');
  });

  it("never holds another firm: its pushes and pulls go on while this firm's claim is held", async () => {
    const other = newId();
    await store.createOrganisation({ id: other, name: 'Bolt', createdAt: T0 });
    await put('accounts', [doc('held')]);
    const row = await holdRow('accounts', 'held');
    const held = put('accounts', [doc('held', { name: 'x' })]);
    await until(async () => (await claims()) === 1, 'the push to claim');

    const theirs = await store.push(other, 'accounts', ['b1'], () => [
      { id: 'b1', data: doc('b1'), updatedBy: 'u' },
    ]);
    expect(theirs).toBe(1);
    expect((await store.pull(other, 'accounts', 0, 10)).map((d) => d.id)).toEqual(['b1']);
    // Nor does a firm see the other's claim or documents.
    expect((await store.pull(orgId, 'accounts', 0, 10)).map((d) => d.id)).toEqual(['held']);

    await row.release();
    expect(await held).toBe(2);
  });

  it('makes a push that read what an unfinished push writes wait for it, so no update is lost', async () => {
    await put('accounts', [doc('counter', { count: 0 })]);
    const row = await holdRow('accounts', 'counter');
    const first = put('accounts', [doc('counter')], (count) => count + 1);
    await until(async () => (await claims()) === 1, 'the first push to claim');
    const second = put('accounts', [doc('counter')], (count) => count + 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await row.release();
    expect(await first).toBe(2);
    expect(await second).toBe(3);
    const [counter] = await store.pull(orgId, 'accounts', 0, 100);
    expect(counter!.data.count).toBe(2);
  });

  it('ignores the claim of a push whose transaction died, and the firm goes on', async () => {
    await put('accounts', [doc('doomed')]);
    const row = await holdRow('accounts', 'doomed');
    const doomed = put('accounts', [doc('doomed', { name: 'never' })]);
    await until(async () => (await claims()) === 1, 'the doomed push to claim');
    // Its server connection is killed while it waits in its write phase.
    await sql.query(
      `select pg_terminate_backend(pid) from pg_stat_activity
       where pid <> pg_backend_pid() and wait_event_type = 'Lock' and query ilike '%insert into documents%'`,
    );
    await expect(doomed).rejects.toThrow();
    await row.release();

    expect(await put('accounts', [doc('next')])).toBe(3);
    const pulled = await store.pull(orgId, 'accounts', 0, 100);
    expect(pulled.map((d) => [d.id, d.seq])).toEqual([
      ['doomed', 1],
      ['next', 3],
    ]);
    expect(pulled[0]!.data.name).toBeUndefined();
    // The next claim deleted the dead one's row.
    expect(await claims()).toBe(0);
  });

  it('changes the firm visibility only after the pushes judged under the old one commit', async () => {
    await put('accounts', [doc('held')]);
    const row = await holdRow('accounts', 'held');
    const push = put('accounts', [doc('held', { name: 'x' })]);
    await until(async () => (await claims()) === 1, 'the push to claim');
    let changed = false;
    const change = store.setVisibility(orgId, 'own').then(() => {
      changed = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(changed).toBe(false);
    await row.release();
    await push;
    await change;
    expect((await store.getOrganisation(orgId))?.visibility).toBe('own');
  });
});
