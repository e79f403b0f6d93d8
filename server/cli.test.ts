import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoginResponse } from '../shared/sync/protocol';
import { killAll, runServerCommand, startServerProcess } from './test-processes';

/** `npm run server` as a person runs it: real processes, a real data folder, real HTTP. */
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'ltc-sync-cli-'));
});
afterAll(async () => {
  killAll();
  await rm(dataDir, { recursive: true, force: true });
});

function env(): NodeJS.ProcessEnv {
  const { DATABASE_URL: _, ...rest } = process.env;
  // Plain HTTP on loopback, as the rule allows; server/tls.test.ts covers the HTTPS default.
  return { ...rest, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', TLS: 'off' };
}

const run = (args: string[], stdin?: string) => runServerCommand(args, env(), stdin);
const startServer = () => startServerProcess(env());

const login = async (apiUrl: string, username: string, password: string) => {
  const response = await fetch(`${apiUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return { status: response.status, body: (await response.json()) as LoginResponse };
};

it('tells how to create the first admin, creates it from the command line, and lets it sign in', async () => {
  const empty = await startServer();
  expect(empty.output()).toContain('npm run server -- create-admin --org');
  expect(await empty.stop()).toBe(0);

  const usage = await run(['create-admin', '--username', 'boss']);
  expect(usage.code).toBe(2);
  expect(usage.stderr).toContain('--org is required');

  const weak = await run(
    ['create-admin', '--org', 'Acme', '--username', 'boss', '--password-stdin'],
    'short\n',
  );
  expect(weak.code).toBe(1);
  expect(weak.stderr).toMatch(/password must be at least 8/);

  const created = await run(
    [
      'create-admin',
      '--org',
      'Acme Trading',
      '--username',
      'boss',
      '--name',
      'Chen Jing',
      '--password-stdin',
    ],
    'a good long password\n',
  );
  expect(created.stderr).toBe('');
  expect(created.code).toBe(0);
  expect(created.stdout).toContain('Created organisation "Acme Trading"');

  const again = await run([
    'create-admin',
    '--org',
    'Other',
    '--username',
    'BOSS',
    '--password',
    'another long one',
  ]);
  expect(again.code).toBe(1);
  expect(again.stderr).toMatch(/already taken/);

  const server = await startServer();
  try {
    expect(server.output()).not.toContain('create-admin --org');
    const signedIn = await login(server.apiUrl, 'boss', 'a good long password');
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user).toMatchObject({
      name: 'Chen Jing',
      role: 'admin',
      orgName: 'Acme Trading',
    });
    expect((await login(server.apiUrl, 'boss', 'short')).status).toBe(401);
  } finally {
    expect(await server.stop()).toBe(0);
  }
});
