import { resolve } from 'node:path';
import { backupStore } from '../backup/backup';
import { BackupError } from '../backup/errors';
import { restoreStore } from '../backup/restore';
import type { ServerConfig } from './config';

export const BACKUP_USAGE = 'npm run server -- backup <file>';
export const RESTORE_USAGE = 'npm run server -- restore <file>';

/** The one argument both commands take; undefined (after printing the usage) when it is wrong. */
function fileArgument(command: string, usage: string, args: string[]): string | undefined {
  if (args.length !== 1 || !args[0] || args[0].startsWith('-')) {
    console.error(`${command}: give the backup file, and nothing else\nusage: ${usage}`);
    return undefined;
  }
  return resolve(args[0]);
}

/** Exit code: 0 done, 1 refused or failed (the message says why), 2 usage. */
async function run(command: string, work: () => Promise<void>): Promise<number> {
  try {
    await work();
    return 0;
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    console.error(`${command}: ${error.message}`);
    return 1;
  }
}

export async function runBackup(config: ServerConfig, args: string[]): Promise<number> {
  const file = fileArgument('backup', BACKUP_USAGE, args);
  if (file === undefined) return 2;
  return run('backup', async () => {
    await backupStore(config.store, file);
    console.log(`Backed up the sync server's data to ${file}.`);
  });
}

export async function runRestore(config: ServerConfig, args: string[]): Promise<number> {
  const file = fileArgument('restore', RESTORE_USAGE, args);
  if (file === undefined) return 2;
  return run('restore', async () => {
    const result = await restoreStore(config.store, file);
    console.log(`Restored the sync server's data from ${file}.`);
    if (result.replacedKeptAt)
      console.log(`The data it replaced is kept at ${result.replacedKeptAt}.`);
    console.log(
      'Start the server again. Each desktop then sends again what it has and the backup lacks, and pulls everything again (new server epoch).',
    );
  });
}
