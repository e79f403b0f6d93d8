import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { backupStore } from '../../server/backup/backup';
import { restoreStore } from '../../server/backup/restore';
import type { TestUser } from '../../server/test-support';
import {
  CLIENT_COLLECTIONS,
  account,
  moveToSolution,
  pushedDeal,
  statusUntil,
  synced,
  tick,
  useSyncFixture,
  type TestClient,
} from './support';

/**
 * The restore scenario of issue 13: a server restored from a backup taken while two desktops kept
 * working. Their checkpoints are past the restored data, and their own documents written after the
 * backup were acknowledged; without the server epoch they would never be sent again. After the
 * restore and a restart, both sync, and nothing is missing anywhere.
 */
describe.each(['sqlite', 'postgres'] as const)('restoring an older backup on %s', (backend) => {
  const sync = useSyncFixture(backend);
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'ltc-restore-'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  /** What a collection holds, by id: the fields a person sees, without RxDB's bookkeeping. */
  async function local(client: TestClient, collection: (typeof CLIENT_COLLECTIONS)[number]) {
    const docs = await client.database[collection].find().exec();
    return new Map(
      docs.map((doc) => [doc.primary, strip(doc.toJSON() as Record<string, unknown>)]),
    );
  }

  async function onServer(orgId: string, collection: string) {
    const rows = await sync.server.store.pull(orgId, collection, 0, 100_000);
    return new Map(
      rows.filter((row) => !row.data._deleted).map((row) => [row.id, strip(row.data)]),
    );
  }

  function strip(doc: Record<string, unknown>): Record<string, unknown> {
    const { _meta, _rev, _attachments, _deleted, ...fields } = doc;
    return fields;
  }

  /** Both synced until neither has anything left to send or to fetch. */
  async function settle(clients: TestClient[]) {
    for (let round = 0; round < 2; round += 1) {
      for (const client of clients) {
        await statusUntil(client.engine, synced);
        await client.engine.syncNow();
      }
    }
  }

  async function rename(client: TestClient, id: string, name: string) {
    const doc = await client.database.accounts.findOne(id).exec();
    await doc?.incrementalPatch({ name, updatedAt: tick() });
  }

  async function retitle(client: TestClient, id: string, title: string) {
    const doc = await client.database.opportunities.findOne(id).exec();
    await doc?.incrementalPatch({ title, updatedAt: tick() });
  }

  const owner = (user: TestUser) => ({ id: user.user.id, name: user.user.name });

  it('ends with every document on the server and on both desktops, with the latest edits', async () => {
    const { manager, rep } = await sync.managerAndRep(['何经理', '代表小林']);
    const a = await sync.signedIn(manager);
    const b = await sync.signedIn(rep);
    const before = await pushedDeal(a, manager, ['华为', '华为 ERP']);
    const theirs = await pushedDeal(b, rep, ['比亚迪', '比亚迪 车队']);
    await settle([a, b]);

    const backup = path.join(folder, `${backend}.sqlite`);
    await backupStore(sync.server.config, backup);

    // After the backup both keep working: new records, and edits of records the backup has.
    const afterA = await pushedDeal(a, manager, ['腾讯', '腾讯 云']);
    const afterB = await pushedDeal(b, rep, ['小米', '小米 门店']);
    // A manager may change the rep's records; a rep only their own.
    await rename(a, theirs.acct.id, '比亚迪股份');
    await retitle(a, theirs.opp.id, '比亚迪 车队 二期');
    await retitle(b, afterB.opp.id, '小米 门店 旗舰');
    await moveToSolution(b, rep, theirs.opp.id);
    const gone = account(owner(rep), '京东');
    await b.database.accounts.insert(gone);
    await settle([a, b]);
    // A desktop that is off when the server goes back keeps an edit of its own for later.
    await b.stopEngine();
    await rename(b, afterB.acct.id, '小米之家');

    const epochBefore = await sync.server.store.epoch();
    await sync.server.restart({}, async () => {
      const result = await restoreStore(sync.server.config, backup);
      expect(result.replacedKeptAt).toEqual(expect.any(String));
    });
    expect(await sync.server.store.epoch()).not.toBe(epochBefore);
    // The server has gone back: what came after the backup is not there.
    const orgId = manager.user.orgId;
    expect([...(await onServer(orgId, 'accounts')).keys()].sort()).toEqual(
      [before.acct.id, theirs.acct.id].sort(),
    );

    await b.startEngine();
    await settle([a, b]);

    for (const collection of CLIENT_COLLECTIONS) {
      const server = await onServer(orgId, collection);
      const onA = await local(a, collection);
      const onB = await local(b, collection);
      expect([...onA.keys()].sort(), `${collection} on A`).toEqual([...server.keys()].sort());
      expect([...onB.keys()].sort(), `${collection} on B`).toEqual([...server.keys()].sort());
      for (const [id, doc] of server) {
        expect(onA.get(id), `${collection} ${id} on A`).toEqual(doc);
        expect(onB.get(id), `${collection} ${id} on B`).toEqual(doc);
      }
    }
    const accounts = await onServer(orgId, 'accounts');
    expect(accounts.size).toBe(5);
    expect(accounts.get(theirs.acct.id)?.name).toBe('比亚迪股份');
    expect(accounts.get(afterA.acct.id)?.name).toBe('腾讯');
    expect(accounts.get(afterB.acct.id)?.name).toBe('小米之家');
    expect(accounts.get(gone.id)?.name).toBe('京东');
    const deals = await onServer(orgId, 'opportunities');
    expect(deals.size).toBe(4);
    expect(deals.get(theirs.opp.id)).toMatchObject({
      title: '比亚迪 车队 二期',
      stage: 'solution',
    });
    expect(deals.get(afterB.opp.id)?.title).toBe('小米 门店 旗舰');
    // Every deal came back with its stage events: its creation, and the move made after the backup.
    const events = [...(await onServer(orgId, 'stageevents')).values()];
    for (const deal of deals.keys()) {
      expect(events.filter((event) => event.recordId === deal)).toHaveLength(
        deal === theirs.opp.id ? 2 : 1,
      );
    }
    // Nothing was refused, and nothing needed a person's decision.
    for (const client of [a, b]) {
      const status = await statusUntil(client.engine, synced);
      expect(status, client.name).toMatchObject({ conflicts: 0, problems: 0, pendingChanges: 0 });
    }
  });
});
