import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs `npm run demo -- …` as a person would (the script itself, through tsx); its exit and output. */
function runDemo(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts', ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: '' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

function listenOnFreePort(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen({ port: 0, host: '127.0.0.1' }, () => {
      const address = server.address();
      resolve({ server, port: typeof address === 'object' && address ? address.port : 0 });
    });
  });
}

describe('npm run demo on a busy port', () => {
  it('stops before writing anything and says which option to use, with a free port', async () => {
    const { server, port } = await listenOnFreePort();
    try {
      const sync = await runDemo(['--port', String(port), '--no-web']);
      expect(sync.code).toBe(1);
      expect(sync.output).toContain(`port ${port} is already in use`);
      const suggested = /npm run demo -- --port (\d+)/.exec(sync.output);
      expect(suggested).not.toBeNull();
      expect(Number(suggested![1])).not.toBe(port);
      expect(sync.output).not.toContain('Simulating');

      const web = await runDemo(['--port', String(port + 1), '--web-port', String(port)]);
      expect(web.code).toBe(1);
      expect(web.output).toMatch(/npm run demo -- --web-port \d+/);
    } finally {
      server.close();
    }
  }, 60_000);
});
