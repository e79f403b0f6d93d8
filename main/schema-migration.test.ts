import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRxDatabase, type RxJsonSchema } from 'rxdb';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveResults } from '../shared/core/test-support';
import { COLLECTION_SCHEMAS } from '../shared/schema';
import { MIGRATION_STRATEGIES, schemaVersion } from '../shared/schema/migrations';
import { openProfileDatabase, profileFolder, PROFILE_DATABASE_NAME } from './profile-database';
import { getRxStorageSqlite } from './storage/sqlite';

/**
 * A person who used an earlier build updates LTC Desk: their SQLite file holds documents written
 * with the first shipped schemas (test/fixtures/schemas-v0.json, dumped from that build). The new
 * build must open it, migrate every collection, and keep every record — not fail with RxDB's
 * "schema hash changed" error, which would lock them out of their own data.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- schemas of any document type
type Schemas = Record<string, RxJsonSchema<any>>;
const shipped = (file: string) =>
  JSON.parse(readFileSync(new URL(`../test/fixtures/${file}`, import.meta.url), 'utf8')) as Schemas;
const V0: Schemas = shipped('schemas-v0.json');
/** The schema set builds shipped before issue 12's version 2 (each collection at its version then). */
const V1: Schemas = shipped('schemas-v1.json');

const USER = { id: 'user-li', name: '李娜' };
const base = {
  createdAt: 1,
  updatedAt: 1,
  ownerId: USER.id,
  ownerName: USER.name,
  archived: false,
};
const V0_DOCUMENTS: Record<string, Record<string, unknown>[]> = {
  accounts: [{ id: 'acc-1', name: '华东精密机械有限公司', phone: '021-5555 0101', ...base }],
  contacts: [{ id: 'con-1', accountId: 'acc-1', name: '张伟', ...base }],
  leads: [{ id: 'lead-1', stage: 'new', stageEnteredAt: 5, company: '杭州云帆科技', ...base }],
  opportunities: [
    {
      id: 'opp-1',
      title: '数控机床产线改造',
      accountId: 'acc-1',
      pipelineId: 'default',
      stage: 'proposal',
      stageEnteredAt: 7,
      stageOrder: 2,
      probability: 50,
      amount: { minor: 120_000_00, currency: 'CNY' },
      ...base,
    },
  ],
  contracts: [
    {
      id: 'ctr-1',
      title: '产线改造合同',
      accountId: 'acc-1',
      stage: 'draft',
      stageEnteredAt: 9,
      amount: { minor: 120_000_00, currency: 'CNY' },
      ...base,
    },
  ],
  stageevents: [
    {
      id: 'ev-1',
      phase: 'opportunity',
      recordId: 'opp-1',
      to: 'proposal',
      at: 7,
      by: 'u',
      byName: 'u',
    },
  ],
};

let folder: string | undefined;
afterEach(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = undefined;
});

async function writeWithV0Schemas(directory: string): Promise<void> {
  const database = await createRxDatabase({
    name: PROFILE_DATABASE_NAME,
    storage: getRxStorageSqlite({ directory }),
    multiInstance: false,
  });
  await database.addCollections(
    Object.fromEntries(Object.entries(V0).map(([name, schema]) => [name, { schema }])),
  );
  for (const [name, docs] of Object.entries(V0_DOCUMENTS)) {
    await database.collections[name]!.bulkInsert(docs);
  }
  await database.close();
}

describe('opening data written by the first builds', () => {
  it('every changed collection has a new version, with a strategy for each version', () => {
    for (const [name, schema] of Object.entries(COLLECTION_SCHEMAS)) {
      // Against every shipped schema set that has the collection: a changed schema at the old
      // version is exactly what locks a person out of their data.
      for (const old of [V0[name], V1[name]]) {
        if (!old) continue;
        const changed =
          JSON.stringify({ ...old, version: 0 }) !== JSON.stringify({ ...schema, version: 0 });
        expect({ name, changed, bumped: schema.version > old.version }).toEqual({
          name,
          changed,
          bumped: changed,
        });
      }
      if (!V0[name] && !V1[name]) {
        expect({ name, version: schema.version }).toEqual({ name, version: 0 });
      }
      const strategies = Object.keys(MIGRATION_STRATEGIES[name] ?? {}).map(Number);
      expect(strategies.sort()).toEqual(
        Array.from({ length: schemaVersion(name) }, (_, i) => i + 1),
      );
    }
  });

  it('migrates a SQLite profile file and keeps every record usable', async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'ltc-migration-'));
    await writeWithV0Schemas(profileFolder(folder, USER.id));

    const opening = await openProfileDatabase({ userDataDir: folder, currentUser: USER });
    if (!opening.opened) throw new Error(`not opened: ${opening.problem.code}`);
    const { core } = opening;
    try {
      expect(opening.movedAside).toBeUndefined();
      for (const [name, docs] of Object.entries(V0_DOCUMENTS)) {
        const collection =
          core.database.collections[name as keyof typeof core.database.collections];
        const stored = await collection.find().exec();
        expect({ name, ids: stored.map((d) => d.primary) }).toEqual({
          name,
          ids: docs.map((d) => d.id),
        });
      }
      // The migrated records work with today's commands: the account can be edited, the deal moved.
      const account = await core.service.commands['accounts/update']({
        id: 'acc-1',
        patch: { industry: '装备制造' },
      });
      expect(account).toMatchObject({ name: '华东精密机械有限公司', industry: '装备制造' });
      const board = new LiveResults(core, 'board/opportunities', {});
      const shown = await board.until((b) => b.columns.some((c) => c.cards.length > 0));
      board.unsubscribe();
      expect(shown.columns.flatMap((c) => c.cards.map((card) => card.title))).toEqual([
        '数控机床产线改造',
      ]);
    } finally {
      await core.close();
    }

    // And the next start opens the migrated file without migrating again.
    const again = await openProfileDatabase({ userDataDir: folder, currentUser: USER });
    if (!again.opened) throw new Error('not reopened');
    expect(await again.core.database.accounts.count().exec()).toBe(1);
    await again.core.close();
  });
});
