import { afterEach, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore } from '../store/test-support';
import { DEMO_FIRM_CODE, DEMO_PASSWORD, seedDemoOrganisation } from './seed-organisation';

describe('npm run demo: the demo organisation', () => {
  let test: TestStore | undefined;
  afterEach(async () => {
    await test?.cleanup();
  });

  it('writes the simulated firm into the server as its users’ own records', async () => {
    test = await openTestStore('sqlite');
    const { store } = test;
    const seeded = await seedDemoOrganisation(store, {
      language: 'en',
      now: Date.UTC(2026, 10, 20),
      leads: 20,
      seed: 5,
    });
    expect(seeded.accounts.map((a) => `${a.username}:${a.role}`)).toEqual([
      'admin:admin',
      'manager:manager',
      'rep1:rep',
      'rep2:rep',
      'rep3:rep',
      'rep4:rep',
    ]);
    expect(seeded.accounts.every((a) => a.password === DEMO_PASSWORD)).toBe(true);
    expect((await store.findOrganisationByCode(DEMO_FIRM_CODE))?.id).toBe(seeded.orgId);

    const users = await store.listUsers(seeded.orgId);
    const userIds = new Set(users.map((u) => u.id));
    const leads = await store.pull(seeded.orgId, 'leads', 0, 1000);
    const events = await store.pull(seeded.orgId, 'stageevents', 0, 10_000);
    expect(leads).toHaveLength(20);
    expect(events.length).toBeGreaterThan(40);
    let total = 0;
    for (const collection of ['accounts', 'leads', 'opportunities', 'activities', 'stageevents']) {
      for (const { data } of await store.pull(seeded.orgId, collection, 0, 10_000)) {
        total += 1;
        // No sample marker survives: these are the organisation's records, owned by its users.
        expect(JSON.stringify(data)).not.toContain('sample-');
        expect(JSON.stringify(data)).not.toContain('(sample)');
        expect(userIds.has(String(data.ownerId ?? data.by))).toBe(true);
      }
    }
    expect(total).toBeLessThanOrEqual(seeded.documents);
  }, 60_000);
});
