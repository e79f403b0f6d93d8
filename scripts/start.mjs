// `npm start`: opens the desktop app where Electron's binary is there (fetching it once if it is
// not); elsewhere says so in one line and serves the web build instead (same UI, with the core in
// the page), so a machine that cannot download Electron still runs LTC Desk.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { fetchElectronOnce, findElectronBinary } from './electron-binary.mjs';
import { serveWebBuild } from './web.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Runs a command in the repository, inheriting the terminal; resolves with its exit code. */
function run(command, args) {
  return new Promise((resolve, reject) => {
    // npm is npm.cmd on Windows, which only a shell can start.
    const child = spawn(command, args, {
      cwd: root,
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main() {
  let electron = findElectronBinary(root);
  if (electron.path === null && (await fetchElectronOnce(root)))
    electron = findElectronBinary(root);
  if (electron.path === null) {
    const port = Number(process.env.PORT ?? 5173);
    console.log(
      `LTC Desk: ${electron.reason} (npm run fetch-electron tries again), so the web build is served instead at http://127.0.0.1:${port}`,
    );
    await serveWebBuild({ port });
    return;
  }
  const built = await run('npm', ['run', 'build']);
  if (built !== 0) process.exit(built);
  // Arguments after `npm start --` go to the app.
  process.exit(await run(electron.path, ['.', ...process.argv.slice(2)]));
}

main().catch((error) => {
  console.error(`LTC Desk could not start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
