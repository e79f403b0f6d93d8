import { mkdtemp, readdir, rm, stat, truncate, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PullResponse } from '../shared/sync/protocol';
import { accountDoc } from './test-records';
import {
  killAll,
  loginOverHttp,
  loopbackServerEnv,
  printedFirmCode,
  runServerCommand,
  startServerProcess,
} from './test-processes';
import type { TestUser } from './test-support';

/** `npm run server -- backup|restore` as an admin runs them: real processes, a real data folder. */
let folder: string;
let dataDir: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'ltc-backup-cli-'));
  dataDir = join(folder, 'data');
});
afterAll(async () => {
  killAll();
  await rm(folder, { recursive: true, force: true });
});

const env = (): NodeJS.ProcessEnv => loopbackServerEnv(dataDir);
const run = (args: string[], stdin?: string) => runServerCommand(args, env(), stdin);

async function signIn(apiUrl: string, firmCode: string): Promise<TestUser> {
  const { body } = await loginOverHttp(apiUrl, firmCode, 'boss', 'a good long password');
  return { user: body.user, token: body.token, password: '' };
}

async function pushAccount(apiUrl: string, who: TestUser): Promise<void> {
  const response = await fetch(`${apiUrl}/sync/accounts/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${who.token}` },
    body: JSON.stringify([{ newDocumentState: accountDoc(who) }]),
  });
  expect(response.status).toBe(200);
}

async function pull(apiUrl: string, who: TestUser): Promise<PullResponse> {
  const response = await fetch(`${apiUrl}/sync/accounts/pull`, {
    headers: { authorization: `Bearer ${who.token}` },
  });
  return (await response.json()) as PullResponse;
}

it('backs up while the server serves, refuses what it must, and restores once the server is stopped', async () => {
  const created = await run(
    ['create-admin', '--org', 'Acme', '--username', 'boss', '--password-stdin'],
    'a good long password\n',
  );
  expect(created.code).toBe(0);
  const backup = join(folder, 'nightly.sqlite');

  let server = await startServerProcess(env());
  const boss = await signIn(server.apiUrl, printedFirmCode(created.stdout));
  await pushAccount(server.apiUrl, boss);
  const before = await pull(server.apiUrl, boss);

  const usage = await run(['backup']);
  expect(usage.code).toBe(2);
  expect(usage.stderr).toContain('npm run server -- backup <file>');

  const backedUp = await run(['backup', backup]);
  expect(backedUp.stderr).toBe('');
  expect(backedUp.code).toBe(0);
  expect(backedUp.stdout).toContain(`Backed up the sync server's data to ${backup}`);
  await pushAccount(server.apiUrl, boss);

  const whileRunning = await run(['restore', backup]);
  expect(whileRunning.code).toBe(1);
  expect(whileRunning.stderr).toMatch(/sync server \(process \d+\) is using .*stop it first/);
  expect((await pull(server.apiUrl, boss)).documents).toHaveLength(2);
  expect(await server.stop()).toBe(0);

  // Stopped: the pid file is gone; bad files are still refused and change nothing.
  const files = await readdir(dataDir);
  expect(files).not.toContain('ltc-sync.sqlite.pid');
  const junk = join(folder, 'contacts.csv');
  await writeFile(junk, 'name,phone\nAcme,021\n');
  const notBackup = await run(['restore', junk]);
  expect(notBackup.code).toBe(1);
  expect(notBackup.stderr).toContain('is not a backup');
  const cut = join(folder, 'cut.sqlite');
  await copyFile(backup, cut);
  await truncate(cut, Math.floor((await stat(backup)).size / 2));
  const truncated = await run(['restore', cut]);
  expect(truncated.code).toBe(1);
  expect(truncated.stderr).toContain('damaged or truncated');
  expect(await readdir(dataDir)).toEqual(files);

  const restored = await run(['restore', backup]);
  expect(restored.stderr).toBe('');
  expect(restored.code).toBe(0);
  const kept = /kept at (.+)\.$/m.exec(restored.stdout)?.[1];
  expect(kept).toMatch(/ltc-sync\.sqlite\.replaced-/);
  expect(await readdir(dataDir)).toContain(kept!.split('/').pop());

  server = await startServerProcess(env());
  try {
    const after = await pull(
      server.apiUrl,
      await signIn(server.apiUrl, printedFirmCode(created.stdout)),
    );
    expect(after.documents.map((doc) => doc.id)).toEqual(before.documents.map((doc) => doc.id));
    expect(after.epoch?.epoch).toMatch(/^[0-9a-f]{32}$/);
    expect(after.epoch?.epoch).not.toBe(before.epoch?.epoch);
  } finally {
    expect(await server.stop()).toBe(0);
  }
});
