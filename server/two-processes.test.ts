import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { LoginResponse, PullResponse, PushResponse } from '../shared/sync/protocol';
import { TEST_DATABASE_URL } from './store/test-support';
import { accountDoc } from './test-records';
import {
  killAll,
  runServerCommand,
  startServerProcess,
  type RunningServer,
} from './test-processes';
import { openStream } from './test-stream';
import { callApi, type TestUser } from './test-support';

/**
 * Two `npm run server` processes on one PostgreSQL database, as behind a load balancer: a push to
 * either reaches the event streams of both (PostgreSQL LISTEN/NOTIFY, server/store/pg-listener.ts)
 * and a pull from either sees it. Real processes, a database of their own, dropped afterwards.
 */
const database = `ltc_two_processes_${randomBytes(6).toString('hex')}`;
const url = new URL(TEST_DATABASE_URL);
url.pathname = `/${database}`;
const PASSWORD = 'two processes, one firm';

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function env(): NodeJS.ProcessEnv {
  // Plain HTTP on loopback (allowed there); server/tls.test.ts covers the HTTPS default.
  return {
    ...process.env,
    DATABASE_URL: url.toString(),
    PORT: '0',
    HOST: '127.0.0.1',
    TLS: 'off',
  };
}

const servers: RunningServer[] = [];

beforeAll(async () => {
  await admin(`CREATE DATABASE ${database}`);
});
afterAll(async () => {
  for (const server of servers) await server.stop();
  killAll();
  await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
});

async function signIn(apiUrl: string, firmCode: string): Promise<TestUser> {
  const response = await callApi<LoginResponse>(apiUrl, 'POST', '/auth/login', {
    json: { firmCode, username: 'boss', password: PASSWORD },
  });
  expect(response.status).toBe(200);
  return { user: response.body.user, token: response.body.token, password: PASSWORD };
}

async function push(apiUrl: string, who: TestUser) {
  const doc = accountDoc(who, { name: `客户 ${randomBytes(3).toString('hex')}` });
  const response = await callApi<PushResponse>(apiUrl, 'POST', '/sync/accounts/push', {
    token: who.token,
    json: [{ newDocumentState: doc }],
  });
  expect(response.body).toEqual({ conflicts: [], refused: [] });
  return doc;
}

async function pullIds(apiUrl: string, who: TestUser): Promise<string[]> {
  const response = await callApi<PullResponse>(
    apiUrl,
    'GET',
    '/sync/accounts/pull?seq=0&limit=100',
    {
      token: who.token,
    },
  );
  expect(response.status).toBe(200);
  return response.body.documents.map((doc) => String(doc.id));
}

it('two server processes on one PostgreSQL serve one firm: a push to one reaches the streams and pulls of the other', async () => {
  const created = await runServerCommand(
    ['create-admin', '--org', '两个进程', '--username', 'boss', '--password-stdin'],
    env(),
    `${PASSWORD}\n`,
  );
  expect(created.stderr).toBe('');
  expect(created.code).toBe(0);
  const firmCode = /firm code is (\w+)/.exec(created.stdout)?.[1] ?? '';

  const [a, b] = await Promise.all([startServerProcess(env()), startServerProcess(env())]);
  servers.push(a, b);
  expect(a.apiUrl).not.toBe(b.apiUrl);
  // A token issued by one process is good on the other: both read the same sessions.
  const boss = await signIn(a.apiUrl, firmCode);

  const onA = await openStream(a.apiUrl, boss.token);
  const onB = await openStream(b.apiUrl, boss.token);
  try {
    expect(await onA.next()).toMatchObject({
      type: 'hello',
      epoch: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(await onB.next()).toMatchObject({
      type: 'hello',
      epoch: expect.stringMatching(/^[0-9a-f]{32}$/),
    });

    const first = await push(a.apiUrl, boss);
    const toB = await onB.next();
    expect(toB).toMatchObject({ type: 'change', collection: 'accounts' });
    expect(await onA.next()).toEqual(toB);
    expect(await pullIds(b.apiUrl, boss)).toEqual([first.id]);

    const second = await push(b.apiUrl, boss);
    const toA = await onA.next();
    expect(toA).toMatchObject({ type: 'change', collection: 'accounts' });
    expect(await onB.next()).toEqual(toA);
    // Seqs are the firm's, whichever process handed them out.
    expect((toA as { seq: number }).seq).toBeGreaterThan((toB as { seq: number }).seq);
    expect(await pullIds(a.apiUrl, boss)).toEqual([first.id, second.id]);
  } finally {
    onA.close();
    onB.close();
  }

  // Stopped one at a time, each process exits cleanly while the other goes on serving.
  expect(await a.stop()).toBe(0);
  servers.splice(servers.indexOf(a), 1);
  const third = await push(b.apiUrl, boss);
  expect(await pullIds(b.apiUrl, boss)).toContain(third.id);
});
