/** A backup or restore that cannot go ahead, worded for the person running the command. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}
