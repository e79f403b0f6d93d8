import { mkdir } from 'node:fs/promises';
import { SYNC_API_PREFIX } from '../shared/sync/protocol';
import { createSyncServer } from './app';
import { BackupError } from './backup/errors';
import { claimStore } from './backup/store-lock';
import { BACKUP_USAGE, RESTORE_USAGE, runBackup, runRestore } from './cli/backup-commands';
import { readConfig, type ServerConfig } from './cli/config';
import {
  CREATE_ADMIN_USAGE,
  UsageError,
  createAdmin,
  parseCreateAdminArgs,
  readAllStdin,
} from './cli/create-admin';
import { HttpError } from './errors';
import { openSyncStore } from './store/index';
import type { SyncStore } from './store/types';
import { loadCertificate, type ServerCertificate } from './tls/certificate';

/**
 * `npm run server` starts the sync server; `npm run server -- create-admin …` creates an
 * organisation and its first admin and exits; `npm run server -- fingerprint` prints the SHA-256
 * fingerprint of the server's certificate (making it if this is the first time), for the admin
 * to hand to the people who sign in; `backup <file>` and `restore <file>` (server/backup/) copy
 * the data out and back. Configuration comes from the environment (see readConfig).
 */
async function openStore(config: ServerConfig): Promise<SyncStore> {
  if (config.store.kind === 'sqlite') await mkdir(config.dataDir, { recursive: true });
  return openSyncStore(config.store);
}

function describeStore(config: ServerConfig): string {
  return config.store.kind === 'sqlite'
    ? `SQLite database ${config.store.file}`
    : 'PostgreSQL (DATABASE_URL)';
}

async function runCreateAdmin(config: ServerConfig, args: string[]): Promise<number> {
  let input;
  try {
    input = await parseCreateAdminArgs(args, readAllStdin);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`create-admin: ${error.message}\nusage: ${CREATE_ADMIN_USAGE}`);
    return 2;
  }
  const store = await openStore(config);
  try {
    const { user, firmCode } = await createAdmin(store, input, Date.now());
    console.log(
      `Created organisation "${input.org}" and its admin "${user.username}" in ${describeStore(config)}.\n` +
        `Its firm code is ${firmCode}: its people sign in with firm code, username and password ` +
        `(the admin sees the code in Manage users; DEFAULT_FIRM=${firmCode} makes it optional).`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    console.error(`create-admin: ${error.message}`);
    return 1;
  } finally {
    await store.close();
  }
}

const FINGERPRINT_LABEL = 'TLS certificate SHA-256 fingerprint:';

async function serverCertificate(config: ServerConfig): Promise<ServerCertificate | undefined> {
  return config.tls.kind === 'off' ? undefined : loadCertificate(config.tls);
}

async function runFingerprint(config: ServerConfig): Promise<number> {
  const certificate = await serverCertificate(config);
  if (!certificate) {
    console.error(
      'fingerprint: TLS=off, this server has no certificate (the reverse proxy has it)',
    );
    return 1;
  }
  console.log(`${FINGERPRINT_LABEL} ${certificate.fingerprint}`);
  return 0;
}

async function runServer(config: ServerConfig): Promise<void> {
  if (config.store.kind === 'sqlite') await mkdir(config.dataDir, { recursive: true });
  // Held while the server runs: a restore is refused meanwhile (store-lock.ts).
  let release: () => Promise<void>;
  try {
    release = await claimStore(config.store, 'serve');
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
    return;
  }
  const certificate = await serverCertificate(config);
  const store = await openStore(config);
  const app = await createSyncServer({
    store,
    logger: true,
    trustProxy: config.trustProxy,
    ...(certificate ? { https: { key: certificate.key, cert: certificate.cert } } : {}),
    ...(config.defaultFirmCode !== undefined && { defaultFirmCode: config.defaultFirmCode }),
  });
  if ((await store.countUsers()) === 0) {
    console.log(
      `No users yet. Create the organisation and its first admin (same environment), then sign in:\n  ${CREATE_ADMIN_USAGE}`,
    );
  }
  // Installed before the URL is printed: whoever waits for that line may stop the server at once.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      // A second Ctrl+C means "now".
      process.exit(1);
    }
    stopping = true;
    console.log(`${signal}: closing open streams and the database…`);
    app
      .close()
      .then(() => store.close())
      .then(() => release())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  const address = await app.listen({ port: config.port, host: config.host });
  // Printed before the address: whoever waits for the address line has the fingerprint too.
  if (certificate) {
    console.log(
      `${FINGERPRINT_LABEL} ${certificate.fingerprint}\n  (people signing in compare it with what their app shows; \`npm run server -- fingerprint\` prints it again)`,
    );
  } else {
    console.log('TLS is off: serving plain HTTP (loopback, or behind the TLS reverse proxy)');
  }
  console.log(
    `LTC Desk sync server (${describeStore(config)}) listening on ${address}${SYNC_API_PREFIX}`,
  );
}

async function main(argv: string[]): Promise<void> {
  const config = readConfig();
  const [command, ...rest] = argv;
  if (command === 'create-admin') {
    process.exitCode = await runCreateAdmin(config, rest);
    return;
  }
  if (command === 'fingerprint') {
    process.exitCode = await runFingerprint(config);
    return;
  }
  if (command === 'backup' || command === 'restore') {
    process.exitCode = await (command === 'backup' ? runBackup : runRestore)(config, rest);
    return;
  }
  if (command !== undefined) {
    console.error(
      `Unknown command "${command}". Run without arguments to start the server, or:\n  ${CREATE_ADMIN_USAGE}\n  npm run server -- fingerprint\n  ${BACKUP_USAGE}\n  ${RESTORE_USAGE}`,
    );
    process.exitCode = 2;
    return;
  }
  await runServer(config);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
