import { spawn, type ChildProcess } from 'node:child_process';
import type { LoginResponse } from '../shared/sync/protocol';

/**
 * `npm run server` as a person runs it, for tests: real processes, real HTTP. Every process
 * started here is killed by `killAll` (call it in afterAll) if a test left it running.
 */
const MAIN = ['--import', 'tsx', 'server/main.ts'];
const started: ChildProcess[] = [];

export function killAll(): void {
  for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a server command (`create-admin …`) to its end. */
export function runServerCommand(
  args: string[],
  env: NodeJS.ProcessEnv,
  stdin?: string,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...MAIN, ...args], { env, cwd: process.cwd() });
    started.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

export interface RunningServer {
  apiUrl: string;
  output(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/** Starts the server and resolves with its API URL once it prints it. */
export function startServerProcess(env: NodeJS.ProcessEnv): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, MAIN, { env, cwd: process.cwd() });
    started.push(child);
    let output = '';
    const exited = new Promise<number | null>((done) => child.on('close', done));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      const match = /listening on (https?:\/\/127\.0\.0\.1:\d+\/api\/v1)/.exec(output);
      if (match?.[1]) {
        resolve({
          apiUrl: match[1],
          output: () => output,
          stop: () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
      }
    });
    void exited.then((code) =>
      reject(new Error(`server exited (${code}) before listening:\n${output}`)),
    );
  });
}

/**
 * The environment of a server process on SQLite in `dataDir`, on loopback with a free port and
 * plain HTTP (as the transport rule allows there; server/tls.test.ts covers the HTTPS default).
 */
export function loopbackServerEnv(dataDir: string): NodeJS.ProcessEnv {
  const { DATABASE_URL: _, ...rest } = process.env;
  return { ...rest, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', TLS: 'off' };
}

/** The firm code `create-admin` printed. */
export const printedFirmCode = (stdout: string): string =>
  /firm code is ([A-Z0-9]{6})/.exec(stdout)?.[1] ?? '';

/** POST /auth/login as the app sends it. */
export async function loginOverHttp(
  apiUrl: string,
  firmCode: string | undefined,
  username: string,
  password: string,
): Promise<{ status: number; body: LoginResponse }> {
  const response = await fetch(`${apiUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ firmCode, username, password }),
  });
  return { status: response.status, body: (await response.json()) as LoginResponse };
}
