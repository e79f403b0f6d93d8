// `npm run demo [-- --lang en] [--fresh] [--leads N] [--port 8788] [--web-port 5174] [--no-web]`:
// a sample firm with a year of history on a sync server of its own, and the web app to look at it.
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import { createSyncServer } from '../server/app';
import {
  DEMO_FIRM_CODE,
  DEMO_PASSWORD,
  seedDemoOrganisation,
  type SeedProgress,
} from '../server/demo/seed-organisation';
import { SAMPLE_LEADS_MAX } from '../shared/api/demo-contract';
import { openSyncStore, type SyncStoreConfig } from '../server/store/index';
import { SYNC_API_PREFIX } from '../shared/sync/protocol';
import { requireFreePorts } from './ports';

const root = fileURLToPath(new URL('..', import.meta.url));

interface DemoArgs {
  language: 'zh-CN' | 'en';
  fresh: boolean;
  leads?: number;
  port: number;
  webPort: number;
  web: boolean;
}

/** 250 is the full firm (the default); up to 50× that, beyond which it only tests memory. */
function parseLeads(text: string): number {
  const leads = Number(text);
  if (!Number.isInteger(leads) || leads < 1 || leads > SAMPLE_LEADS_MAX) {
    throw new Error(
      `--leads is a whole number from 1 to ${SAMPLE_LEADS_MAX} (250 is the full firm, ${SAMPLE_LEADS_MAX} is 50× it: about 210,000 records, 4 minutes and 2 GB of memory)`,
    );
  }
  return leads;
}

/**
 * Progress on the terminal, one line per tenth of each phase: a 10× firm takes half a minute, a
 * 50× one several minutes, and silence that long reads as a hang.
 */
function progressPrinter(): (progress: SeedProgress) => void {
  let phase = '';
  let tenth = -1;
  return (progress) => {
    const fraction =
      progress.phase === 'simulating' ? progress.fraction : progress.done / progress.total;
    const step = Math.floor(fraction * 10);
    if (progress.phase === phase && step <= tenth) return;
    phase = progress.phase;
    tenth = step;
    console.log(
      progress.phase === 'simulating'
        ? `  simulating the year… ${step * 10}%`
        : `  writing records… ${progress.done.toLocaleString('en')}/${progress.total.toLocaleString('en')}`,
    );
  };
}

function parseArgs(argv: string[]): DemoArgs {
  const args: DemoArgs = { language: 'zh-CN', fresh: false, port: 8788, webPort: 5174, web: true };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${flag} needs a value`);
      return next;
    };
    if (flag === '--lang') {
      const lang = value();
      if (lang !== 'en' && lang !== 'zh-CN') throw new Error('--lang is zh-CN or en');
      args.language = lang;
    } else if (flag === '--fresh') args.fresh = true;
    else if (flag === '--no-web') args.web = false;
    else if (flag === '--leads') args.leads = parseLeads(value());
    else if (flag === '--port') args.port = Number(value());
    else if (flag === '--web-port') args.webPort = Number(value());
    else throw new Error(`unknown option ${flag}`);
  }
  return args;
}

/** The demo's own database: DATABASE_URL (PostgreSQL) or server-data/demo-<lang>/ (SQLite). */
async function demoStore(args: DemoArgs): Promise<{ config: SyncStoreConfig; where: string }> {
  const url = process.env.DATABASE_URL?.trim();
  if (url)
    return { config: { kind: 'postgres', databaseUrl: url }, where: 'PostgreSQL (DATABASE_URL)' };
  const dir = resolve(root, 'server-data', `demo-${args.language}`);
  if (args.fresh) await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'ltc-sync.sqlite');
  return { config: { kind: 'sqlite', file }, where: file };
}

async function serveWeb(port: number): Promise<string> {
  const configFile = join(root, 'renderer', 'vite.config.ts');
  if (!existsSync(join(root, 'dist', 'renderer', 'index.html'))) {
    console.log('Building the web app once (dist/renderer)…');
    await build({ configFile, logLevel: 'warn' });
  }
  const server = await preview({
    configFile,
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  });
  return server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  await requireFreePorts('demo', [
    { port: args.port, option: '--port' },
    ...(args.web ? [{ port: args.webPort, option: '--web-port' }] : []),
  ]);
  const { config, where } = await demoStore(args);
  const store = await openSyncStore(config);
  let accounts = ['admin', 'manager', 'rep1', 'rep2', 'rep3', 'rep4'];
  if ((await store.countUsers()) === 0) {
    const size = args.leads ? `${args.leads} leads` : '250 leads';
    console.log(
      `Simulating a year of a sample firm (${args.language}, ${size}); this takes a few seconds per 250 leads…`,
    );
    const started = Date.now();
    const seeded = await seedDemoOrganisation(store, {
      language: args.language,
      now: Date.now(),
      leads: args.leads,
      onProgress: progressPrinter(),
    });
    accounts = seeded.accounts.map((a) => a.username);
    console.log(
      `Wrote ${seeded.documents} records in ${Math.round((Date.now() - started) / 1000)} s to ${where}.`,
    );
  } else {
    console.log(`Using the demo data already in ${where} (--fresh makes a new firm).`);
    if (!(await store.findOrganisationByCode(DEMO_FIRM_CODE))) {
      await store.close();
      throw new Error(
        'this demo database was made before firm codes; run `npm run demo -- --fresh` for a new one',
      );
    }
  }

  // The demo serves one firm: its people may leave the firm code out.
  const app = await createSyncServer({ store, logger: false, defaultFirmCode: DEMO_FIRM_CODE });
  const serverUrl = await app.listen({ port: args.port, host: '127.0.0.1' });
  const stop = () => {
    void app
      .close()
      .then(() => store.close())
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const webUrl = args.web ? await serveWeb(args.webPort) : undefined;

  console.log(`
LTC Desk demo
  Sync server : ${serverUrl}  (API ${SYNC_API_PREFIX})
  Web app     : ${webUrl ?? 'not served (--no-web); run `npm start` or `npm run web`'}

Open the web app, choose "Sign in" (登录), and enter:
  Server    ${serverUrl}
  Firm code ${DEMO_FIRM_CODE}   (may be left empty: this server serves one firm)
  Username  ${accounts.join(' | ')}   (manager approves gates; rep1…rep4 own the deals; admin manages users)
  Password  ${DEMO_PASSWORD}

Press Ctrl+C to stop. The demo database stays for next time; \`npm run demo -- --fresh\` replaces it.`);
}

main().catch((error: unknown) => {
  console.error(`npm run demo: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
