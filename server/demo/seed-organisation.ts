import { simulateFirmInMemory } from '../../shared/demo/export';
import { sampleFirm, type SampleLanguage } from '../../shared/demo/firm';
import { samplePeople } from '../../shared/demo/world';
import { newId } from '../../shared/domain/ids';
import type { Role } from '../../shared/sync/protocol';
import { createUserAccount } from '../auth/users';
import type { SyncStore } from '../store/types';

/** One password for every demo account: it is a demo, and the script prints it. */
export const DEMO_PASSWORD = 'ltc-demo-2026';
/** The demo firm's code, the same every time (the demo server also takes sign-ins without it). */
export const DEMO_FIRM_CODE = 'DEMO';

export interface DemoAccount {
  username: string;
  name: string;
  role: Role;
  password: string;
}

export interface SeededOrganisation {
  orgId: string;
  accounts: DemoAccount[];
  documents: number;
}

const PUSH_BATCH = 500;

/** Where seeding is: simulating the year (share of steps done), then writing documents. */
export type SeedProgress =
  { phase: 'simulating'; fraction: number } | { phase: 'writing'; done: number; total: number };

/** "王磊（示例）" → "王磊": on the demo server the people are the organisation's own users. */
function plainName(name: string): string {
  return name.replace(/（示例）$| \(sample\)$/, '');
}

/**
 * `npm run demo`'s data: simulates the sample firm through the real core (in memory), creates an
 * organisation whose users are the firm's people, and writes every record into the sync store as
 * theirs. On the server the records are NOT sample data: the sample people's ids are replaced by
 * the server users' ids everywhere (owners, stage-event and field-change authors, approvers), so a
 * person who signs in as a rep sees their own deals and can work and sync them as usual. The
 * whole demo lives in its own database, so removing it is deleting that database.
 */
export async function seedDemoOrganisation(
  store: SyncStore,
  options: {
    language: SampleLanguage;
    now: number;
    leads?: number;
    seed?: number;
    onProgress?: (progress: SeedProgress) => void;
  },
): Promise<SeededOrganisation> {
  const firm = sampleFirm(options.language);
  const people = samplePeople(firm);
  const report = options.onProgress ?? (() => undefined);
  const firmData = await simulateFirmInMemory({
    ...options,
    onProgress: (fraction) => report({ phase: 'simulating', fraction }),
  });
  const orgId = newId();
  const orgName = options.language === 'en' ? 'Sample Automation Ltd.' : '示例自动化科技有限公司';
  await store.createOrganisation({
    id: orgId,
    name: orgName,
    code: DEMO_FIRM_CODE,
    createdAt: options.now,
  });
  const accounts: DemoAccount[] = [];
  const replacements: [string, string][] = [];
  const add = async (username: string, name: string, role: Role, sampleId?: string) => {
    const user = await createUserAccount(
      store,
      { orgId, username, name, role, password: DEMO_PASSWORD },
      options.now,
    );
    accounts.push({ username, name, role, password: DEMO_PASSWORD });
    if (sampleId) replacements.push([sampleId, user.id]);
  };
  await add('admin', options.language === 'en' ? 'Administrator' : '系统管理员', 'admin');
  await add('manager', plainName(people.manager.name), 'manager', people.manager.id);
  for (const [i, rep] of people.reps.entries()) {
    await add(`rep${i + 1}`, plainName(rep.name), 'rep', rep.id);
  }
  const names = [people.manager, ...people.reps].map((p) => [p.name, plainName(p.name)] as const);

  // A textual replace over each document's JSON reaches every nested author field too
  // (approvals, stage-event approvals), and ids and names cannot occur by accident elsewhere.
  const rewrite = (doc: object): Record<string, unknown> => {
    let json = JSON.stringify(doc);
    for (const [from, to] of replacements)
      json = json.split(JSON.stringify(from)).join(JSON.stringify(to));
    for (const [from, to] of names)
      json = json.split(JSON.stringify(from)).join(JSON.stringify(to));
    return JSON.parse(json) as Record<string, unknown>;
  };

  let documents = 0;
  const total = Object.values(firmData.collections).reduce((n, docs) => n + docs.length, 0);
  for (const [name, records] of Object.entries(firmData.collections)) {
    const docs = records.map(rewrite);
    for (let i = 0; i < docs.length; i += PUSH_BATCH) {
      const batch = docs.slice(i, i + PUSH_BATCH);
      await store.push(
        orgId,
        name,
        batch.map((d) => String(d.id)),
        () =>
          batch.map((d) => ({
            id: String(d.id),
            data: { ...d, _deleted: false },
            updatedBy: String(d.ownerId ?? d.by ?? 'demo'),
          })),
      );
      report({ phase: 'writing', done: documents + i + batch.length, total });
    }
    documents += docs.length;
  }
  return { orgId, accounts, documents };
}
