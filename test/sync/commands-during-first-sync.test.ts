import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreHost } from '../../main/core-host';
import { answerOf, openSyncingHost } from '../../main/test-support/core-host-fixture';
import {
  DEMO_FIRM_CODE,
  DEMO_PASSWORD,
  seedDemoOrganisation,
} from '../../server/demo/seed-organisation';
import { loginOverHttp } from '../../server/test-processes';
import { pullEverything, startTestServer, type TestServer } from '../../server/test-support';
import type { Account, Lead, Opportunity } from '../../shared/domain/entities';
import { startHeldProxy, type HeldProxy } from '../e2e/support/held-proxy';

/**
 * Issue 19: a person works while a new desktop pulls a big firm for the first time. The sample
 * firm at 2× (500 leads, about 9,000 records) is on a real server behind a proxy that can hold
 * its answers. The manager signs in; the first pages are held back, then let through, and while
 * the desktop writes the firm into its SQLite file the manager creates an account and a lead,
 * creates a deal and moves it. Each command must answer, with its record, before the first sync
 * has finished, read back from the local database at once; and once synced, the server must hold
 * them with the rest of the firm.
 */

let server: TestServer;
let proxy: HeldProxy;
let seededRecords = 0;

beforeAll(async () => {
  server = await startTestServer({ backend: 'sqlite' });
  const seeded = await seedDemoOrganisation(server.store, {
    language: 'zh-CN',
    now: Date.now(),
    leads: 500,
  });
  seededRecords = seeded.documents;
  proxy = await startHeldProxy(server.url);
}, 120_000);
afterAll(async () => {
  await proxy?.close();
  await server?.close();
});

describe('commands during a first sync of a big firm (issue 19)', () => {
  it('answer from the local database while the firm is still being pulled, and sync after', async () => {
    const userData = await mkdtemp(path.join(tmpdir(), 'ltc-first-sync-commands-'));
    let host: CoreHost | undefined;
    try {
      host = await openSyncingHost(userData, 'wang');
      const { bridge } = host;

      await answerOf(
        bridge.invoke('sync/signIn', {
          serverUrl: proxy.url,
          firmCode: DEMO_FIRM_CODE,
          username: 'manager',
          password: DEMO_PASSWORD,
        }),
      );
      // The first sync has begun; hold the server's answers so it cannot be over yet.
      proxy.hold();
      let synced = false;
      const firstSync = answerOf(bridge.invoke('sync/now', {})).then(() => {
        synced = true;
      });
      // Until the server's first answers are held back (not a fixed wait: on a busy machine the
      // engine may take longer than any sleep to send its next request).
      await expect.poll(() => proxy.heldChunks(), { timeout: 30_000 }).toBeGreaterThan(0);
      // Let it pour in: the desktop now writes thousands of pulled documents while we work.
      proxy.release();

      const account = await answerOf<Account>(
        bridge.invoke('accounts/create', { name: '同步中新建客户' }),
      );
      const lead = await answerOf<Lead>(
        bridge.invoke('leads/create', { company: '同步中新线索', contactName: '赵工' }),
      );
      const deal = await answerOf<Opportunity>(
        bridge.invoke('opportunities/create', { title: '同步中的商机', accountId: account.id }),
      );
      const moved = await answerOf<Opportunity>(
        bridge.invoke('opportunities/move', { id: deal.id, to: 'solution' }),
      );
      const answeredBeforeSynced = !synced;
      expect(moved.stage).toBe('solution');
      expect(lead.company).toBe('同步中新线索');
      // Every command answered while the first sync was still running.
      expect(answeredBeforeSynced).toBe(true);
      const local = await host.core.database.collections.opportunities.findOne(deal.id).exec();
      expect(local?.stage).toBe('solution');

      await firstSync;
      // The whole firm arrived, and the four records went up.
      const localDeals = await host.core.database.collections.opportunities.count().exec();
      const { body: login } = await loginOverHttp(
        server.apiUrl,
        DEMO_FIRM_CODE,
        'manager',
        DEMO_PASSWORD,
      );
      const all = (collection: string) => pullEverything(server.apiUrl, login.token, collection);
      const serverDeals = await all('opportunities');
      expect(localDeals).toBe(serverDeals.length);
      expect(serverDeals.find((d) => d.id === deal.id)).toMatchObject({ stage: 'solution' });
      expect((await all('accounts')).find((a) => a.id === account.id)).toBeDefined();
      expect((await all('leads')).find((l) => l.id === lead.id)).toBeDefined();
      expect(seededRecords).toBeGreaterThan(8_000);
    } finally {
      await host?.close();
      await rm(userData, { recursive: true, force: true });
    }
  }, 180_000);
});
