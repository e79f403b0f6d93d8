import { afterEach, describe, expect, it } from 'vitest';
import type { Opportunity } from '../domain/entities';
import { newId } from '../domain/ids';
import { COLLECTION_SCHEMAS } from '../schema/collections';
import { openLtcDatabase, type LtcDatabase } from './database';
import { testStorage, uniqueDatabaseName } from './test-support';

let database: LtcDatabase | undefined;
afterEach(async () => {
  await database?.close();
  database = undefined;
});

function opportunity(overrides: Partial<Opportunity> = {}): Opportunity {
  return {
    id: newId(),
    createdAt: 1,
    updatedAt: 1,
    ownerId: 'u1',
    ownerName: 'Wang',
    archived: false,
    title: 'ERP rollout',
    accountId: newId(),
    pipelineId: 'default',
    stage: 'qualify',
    stageEnteredAt: 1,
    stageOrder: 0,
    probability: 10,
    ...overrides,
  };
}

describe('openLtcDatabase', () => {
  it('creates every collection of COLLECTION_SCHEMAS, single-instance by default', async () => {
    database = await openLtcDatabase({
      storage: testStorage(),
      databaseName: uniqueDatabaseName(),
      devMode: true,
    });
    expect(Object.keys(database.collections).sort()).toEqual(
      Object.keys(COLLECTION_SCHEMAS).sort(),
    );
    expect(database.multiInstance).toBe(false);
  });

  it('validates every write against the schema, ISO date format included', async () => {
    database = await openLtcDatabase({
      storage: testStorage(),
      databaseName: uniqueDatabaseName(),
    });
    await expect(
      database.opportunities.insert(opportunity({ expectedClose: '2026-02-28' })),
    ).resolves.toBeTruthy();
    for (const bad of ['2026-02-30', '2026-13-01', '28.02.2026', '2026-2-1']) {
      await expect(
        database.opportunities.insert(opportunity({ expectedClose: bad })),
        bad,
      ).rejects.toMatchObject({ code: 'VD2' });
    }
    await expect(
      // A pipeline's own stage keys are free text, but bounded: the index is built from maxLength.
      database.opportunities.insert({ ...opportunity(), stage: 'x'.repeat(21) }),
    ).rejects.toMatchObject({ code: 'VD2' });
    await expect(
      database.opportunities.insert({ ...opportunity(), amount: { minor: 1.5, currency: 'CNY' } }),
    ).rejects.toMatchObject({ code: 'VD2' });
    expect(await database.opportunities.count().exec()).toBe(1);
  });
});
