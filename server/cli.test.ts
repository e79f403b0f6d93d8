import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  killAll,
  loginOverHttp,
  loopbackServerEnv,
  printedFirmCode,
  runServerCommand,
  startServerProcess,
} from './test-processes';

/** `npm run server` as a person runs it: real processes, a real data folder, real HTTP. */
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'ltc-sync-cli-'));
});
afterAll(async () => {
  killAll();
  await rm(dataDir, { recursive: true, force: true });
});

const env = (): NodeJS.ProcessEnv => loopbackServerEnv(dataDir);

const run = (args: string[], stdin?: string) => runServerCommand(args, env(), stdin);
const startServer = (extra: NodeJS.ProcessEnv = {}) => startServerProcess({ ...env(), ...extra });

const login = loginOverHttp;

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
  const acme = printedFirmCode(created.stdout);
  expect(acme).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);

  // Usernames are unique per firm: another firm may have its own "boss".
  const other = await run([
    'create-admin',
    '--org',
    'Other',
    '--username',
    'BOSS',
    '--password',
    'another long one',
  ]);
  expect(other.stderr).toBe('');
  expect(other.code).toBe(0);
  const otherCode = printedFirmCode(other.stdout);
  expect(otherCode).not.toBe(acme);

  const server = await startServer();
  try {
    expect(server.output()).not.toContain('create-admin --org');
    const signedIn = await login(server.apiUrl, acme, 'boss', 'a good long password');
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user).toMatchObject({
      name: 'Chen Jing',
      role: 'admin',
      orgName: 'Acme Trading',
    });
    expect((await login(server.apiUrl, acme, 'boss', 'short')).status).toBe(401);
    const theirs = await login(server.apiUrl, otherCode, 'boss', 'another long one');
    expect(theirs.body.user).toMatchObject({ orgName: 'Other', firmCode: otherCode });
    // Two firms on this server: a sign-in must say which.
    expect((await login(server.apiUrl, undefined, 'boss', 'a good long password')).status).toBe(
      400,
    );
  } finally {
    expect(await server.stop()).toBe(0);
  }

  // DEFAULT_FIRM: a server of one firm takes sign-ins without the code.
  const single = await startServer({ DEFAULT_FIRM: acme.toLowerCase() });
  try {
    const plain = await login(single.apiUrl, undefined, 'boss', 'a good long password');
    expect(plain.status).toBe(200);
    expect(plain.body.user.orgName).toBe('Acme Trading');
  } finally {
    expect(await single.stop()).toBe(0);
  }
});
