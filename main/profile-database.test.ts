import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CrmCore } from '../shared/core';
import { newId } from '../shared/domain/ids';
import {
  openProfileDatabase,
  profileDatabaseFile,
  profileFolder,
  type ProfileDatabaseOpening,
} from './profile-database';
import { startupMessage } from './startup-messages';
import { SQLITE_STORAGE_FORMAT_VERSION } from './storage/sqlite';

const me = { id: newId(), name: '王小明' };
const MOVED_AT = new Date(Date.UTC(2026, 0, 5, 9, 30, 0));
const MOVED_NAME = 'ltc-desk.unreadable-20260105T093000000Z.sqlite';

let userData: string;
let file: string;
const opened: CrmCore[] = [];
beforeEach(async () => {
  userData = await mkdtemp(path.join(tmpdir(), 'ltc-profile-'));
  file = profileDatabaseFile(userData, me.id);
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((core) => core.close()));
  await rm(userData, { recursive: true, force: true });
});

async function open(): Promise<ProfileDatabaseOpening> {
  const opening = await openProfileDatabase({
    userDataDir: userData,
    currentUser: me,
    clock: () => MOVED_AT,
  });
  if (opening.opened) opened.push(opening.core);
  return opening;
}

async function openCore(): Promise<CrmCore> {
  const opening = await open();
  if (!opening.opened) throw new Error(`refused: ${opening.problem.code}`);
  return opening.core;
}

/** Writes `bytes` where the profile's database belongs, as a damaged disk or a stray copy would. */
async function placeFile(bytes: Buffer | string, companions: Record<string, string> = {}) {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, bytes);
  for (const [suffix, text] of Object.entries(companions)) await writeFile(file + suffix, text);
}

/** A real profile database with enough accounts to span many pages, closed cleanly. */
async function realDatabase(accounts: number): Promise<void> {
  const core = await openCore();
  const account = await core.service.commands['accounts/create']({ name: '比亚迪' });
  await core.database.accounts.bulkInsert(
    Array.from({ length: accounts }, (_, i) => ({
      ...account,
      id: newId(),
      name: `客户 ${i} ${'长'.repeat(60)}`,
    })),
  );
  await core.close();
  opened.splice(opened.indexOf(core), 1);
}

/** Byte-for-byte; compared as digests, because a deep equality over a megabyte takes seconds. */
function digest(bytes: Buffer): string {
  return `${bytes.length} bytes, sha256 ${createHash('sha256').update(bytes).digest('hex')}`;
}

/** The moved-aside file, its bytes, and proof that a fresh database now works and persists. */
async function expectMovedAsideAndFresh(opening: ProfileDatabaseOpening, original: Buffer) {
  if (!opening.opened) throw new Error(`refused: ${opening.problem.code}`);
  const movedTo = path.join(profileFolder(userData, me.id), MOVED_NAME);
  expect(opening.movedAside).toEqual({ code: 'unreadableMovedAside', filePath: file, movedTo });
  expect(digest(await readFile(movedTo))).toBe(digest(original));

  const message = startupMessage(opening.movedAside!, 'en');
  expect(message.title).toBe('Your local data file could not be read');
  expect(message.detail).toContain(movedTo);
  expect(message.detail).toContain('new, empty database');
  expect(startupMessage(opening.movedAside!, 'zh-CN').detail).toContain(movedTo);

  const account = await opening.core.service.commands['accounts/create']({ name: '比亚迪' });
  await opening.core.close();
  opened.splice(opened.indexOf(opening.core), 1);
  const reopened = await open();
  if (!reopened.opened) throw new Error('fresh database refused');
  expect(reopened.movedAside).toBeUndefined();
  expect((await reopened.core.database.accounts.findOne(account.id).exec())?.name).toBe('比亚迪');
}

describe('openProfileDatabase', () => {
  it('keeps one SQLite file per profile under userData/profiles/<profile id>/', async () => {
    const opening = await open();
    expect(opening).toMatchObject({ opened: true, filePath: file });
    expect(file).toBe(path.join(userData, 'profiles', me.id, 'ltc-desk.sqlite'));
    expect(await readdir(path.dirname(file))).toContain('ltc-desk.sqlite');
  });

  it('refuses a profile id that would leave the profiles folder', () => {
    expect(() => profileFolder(userData, '../../etc')).toThrow(/not a profile id/);
  });

  it('moves a file of random bytes aside, with its -wal and -shm, and starts fresh', async () => {
    const garbage = randomBytes(8192);
    await placeFile(garbage, { '-wal': 'wal bytes', '-shm': 'shm bytes' });
    const opening = await open();
    const folder = profileFolder(userData, me.id);
    expect(await readFile(path.join(folder, `${MOVED_NAME}-wal`), 'utf8')).toBe('wal bytes');
    expect(await readFile(path.join(folder, `${MOVED_NAME}-shm`), 'utf8')).toBe('shm bytes');
    await expectMovedAsideAndFresh(opening, garbage);
  });

  it('moves a text file aside and starts fresh', async () => {
    const text = Buffer.from('客户名单\nBYD, 宁德时代\n', 'utf8');
    await placeFile(text);
    await expectMovedAsideAndFresh(await open(), text);
  });

  it('moves a truncated database aside and starts fresh', async () => {
    await realDatabase(2000);
    const whole = await readFile(file);
    expect(whole.length).toBeGreaterThan(64 * 1024);
    await truncate(file, Math.floor(whole.length * 0.4));
    const truncated = await readFile(file);
    await expectMovedAsideAndFresh(await open(), truncated);
  });

  it('never overwrites an earlier moved-aside file', async () => {
    await placeFile('first');
    const first = await open();
    if (!first.opened) throw new Error('refused');
    await first.core.close();
    opened.splice(0);
    await placeFile('second');
    const second = await open();
    if (!second.opened) throw new Error('refused');
    expect(second.movedAside?.movedTo).toMatch(/unreadable-20260105T093000000Z-2\.sqlite$/);
    expect(await readFile(first.movedAside!.movedTo, 'utf8')).toBe('first');
    expect(await readFile(second.movedAside!.movedTo, 'utf8')).toBe('second');
  });

  it('leaves a database from a newer version untouched and does not open it', async () => {
    await realDatabase(10);
    const raw = new Database(file);
    raw.pragma(`user_version = ${SQLITE_STORAGE_FORMAT_VERSION + 1}`);
    raw.close();
    const before = await readFile(file);
    const listing = await readdir(path.dirname(file));

    const opening = await open();
    expect(opening).toEqual({ opened: false, problem: { code: 'newerVersion', filePath: file } });
    expect(digest(await readFile(file))).toBe(digest(before));
    expect(await readdir(path.dirname(file))).toEqual(listing);

    if (opening.opened) return;
    const message = startupMessage(opening.problem, 'en');
    expect(message.title).toBe('Please update LTC Desk');
    expect(message.detail).toContain(file);
    expect(message.detail).toContain('has not been changed');
    expect(startupMessage(opening.problem, 'zh-CN').title).toBe('请更新 LTC Desk');
  });
});
