import pg from 'pg';
import type { WireDocument } from '../../shared/sync/protocol';
import { newId } from '../../shared/domain/ids';
import { openSyncStore } from './index';
import { KNOWN_DEVICES_PER_PERSON, LOGIN_FAILURE_RETENTION_MS } from './kysely-store';
import { openTestStore, TEST_DATABASE_URL, type TestStore } from './test-support';
import {
  UsernameTakenError,
  type ChangeNotice,
  type SyncStore,
  type TokenRow,
  type UserRow,
} from './types';

const T0 = 1_760_000_000_000;

function doc(id: string, fields: Record<string, unknown> = {}, deleted = false): WireDocument {
  return { id, ...fields, _deleted: deleted };
}

/** Pushes `docs` as they are (no conflict rule: that is the HTTP layer's). */
function write(
  store: SyncStore,
  orgId: string,
  collection: string,
  docs: WireDocument[],
  by = 'writer',
): Promise<number | undefined> {
  return store.push(
    orgId,
    collection,
    docs.map((d) => d.id as string),
    () => docs.map((d) => ({ id: d.id as string, data: d, updatedBy: by })),
  );
}

function user(orgId: string, username: string, overrides: Partial<UserRow> = {}): UserRow {
  return {
    id: newId(),
    orgId,
    username,
    name: `Name of ${username}`,
    role: 'rep',
    passwordHash: `hash-${username}`,
    disabled: false,
    createdAt: T0,
    // As stored: no manager, the first view epoch.
    managerId: null,
    viewEpoch: 0,
    ...overrides,
  };
}

function token(u: UserRow, tokenHash: string): TokenRow {
  return {
    tokenHash,
    userId: u.id,
    orgId: u.orgId,
    createdAt: T0,
    expiresAt: T0 + 1000,
    revokedAt: null,
  };
}

/** Resolves with the first notice the store's listeners get that matches. */
function nextNotice(store: SyncStore, match: (n: ChangeNotice) => boolean): Promise<ChangeNotice> {
  return new Promise((resolve) => {
    const stop = store.onChange((notice) => {
      if (!match(notice)) return;
      stop();
      resolve(notice);
    });
  });
}

describe.each(['sqlite', 'postgres'] as const)('SyncStore on %s', (kind) => {
  let t: TestStore;
  let store: SyncStore;
  let orgA: string;
  let orgB: string;

  beforeEach(async () => {
    t = await openTestStore(kind);
    store = t.store;
    orgA = newId();
    orgB = newId();
    await store.createOrganisation({ id: orgA, name: 'Acme', createdAt: T0 });
    await store.createOrganisation({ id: orgB, name: 'Bolt', createdAt: T0 + 1 });
  });

  afterEach(async () => {
    await t.cleanup();
  });

  it('reports its kind', () => {
    expect(store.kind).toBe(kind);
  });

  it('creates and reads organisations', async () => {
    const acme = await store.getOrganisation(orgA);
    expect(acme).toEqual({
      id: orgA,
      name: 'Acme',
      code: expect.stringMatching(/^[A-HJKMNP-Z2-9]{6}$/),
      createdAt: T0,
      visibility: 'everyone',
      epochSeq: 0,
    });
    expect(await store.getOrganisation(newId())).toBeUndefined();
    expect(await store.findOrganisationByCode(acme?.code ?? '')).toEqual(acme);
    expect((await store.getOrganisation(orgB))?.code).not.toBe(acme?.code);
    expect(await store.findOrganisationByCode('NOSUCH')).toBeUndefined();
    // A given code is kept, and a code is one firm's only.
    const given = await store.createOrganisation({
      id: newId(),
      name: 'C',
      code: 'C0DE42',
      createdAt: T0,
    });
    expect(given.code).toBe('C0DE42');
    await expect(
      store.createOrganisation({ id: newId(), name: 'D', code: 'C0DE42', createdAt: T0 }),
    ).rejects.toThrow();
  });

  it('creates, finds, lists and updates users within their organisation', async () => {
    expect(await store.countUsers()).toBe(0);
    const zoe = user(orgA, 'zoe', { role: 'admin' });
    const amy = user(orgA, 'amy', { disabled: true });
    const bob = user(orgB, 'bob');
    for (const u of [zoe, amy, bob]) await store.createUser(u);

    expect(await store.countUsers()).toBe(3);
    expect(await store.findUserByUsername(orgA, 'zoe')).toEqual(zoe);
    expect(await store.findUserByUsername(orgB, 'zoe')).toBeUndefined();
    expect(await store.findUserByUsername(orgA, 'nobody')).toBeUndefined();
    expect(await store.getUser(orgA, amy.id)).toEqual(amy);
    expect((await store.listUsers(orgA)).map((u) => u.username)).toEqual(['amy', 'zoe']);

    const updated = await store.updateUser(orgA, amy.id, {
      name: 'Amy Chen',
      role: 'manager',
      disabled: false,
      passwordHash: 'new-hash',
    });
    const expected = {
      ...amy,
      name: 'Amy Chen',
      role: 'manager',
      disabled: false,
      passwordHash: 'new-hash',
    };
    expect(updated).toEqual(expected);
    expect(await store.getUser(orgA, amy.id)).toEqual(expected);
    expect(await store.updateUser(orgA, amy.id, { disabled: true })).toEqual({
      ...expected,
      disabled: true,
    });
    expect(await store.updateUser(orgA, amy.id, {})).toEqual({ ...expected, disabled: true });
    expect(await store.updateUser(orgA, newId(), { name: 'Ghost' })).toBeUndefined();
  });

  it('keeps usernames unique within an organisation, not across them', async () => {
    const first = user(orgA, 'sam');
    await store.createUser(first);
    const err = await store.createUser(user(orgA, 'sam')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsernameTakenError);
    expect((err as UsernameTakenError).username).toBe('sam');
    expect(await store.listUsers(orgA)).toEqual([first]);
    // Another firm's "sam" is another person.
    const other = user(orgB, 'sam');
    await store.createUser(other);
    expect(await store.findUserByUsername(orgA, 'sam')).toEqual(first);
    expect(await store.findUserByUsername(orgB, 'sam')).toEqual(other);

    // Another unique violation (same id, new username) is not reported as a taken username.
    const sameId = await store.createUser({ ...first, username: 'sam2' }).catch((e: unknown) => e);
    expect(sameId).toBeInstanceOf(Error);
    expect(sameId).not.toBeInstanceOf(UsernameTakenError);
  });

  it('finds and revokes tokens', async () => {
    const ann = user(orgA, 'ann');
    const ben = user(orgA, 'ben');
    await store.createUser(ann);
    await store.createUser(ben);
    for (const tok of [token(ann, 'a1'), token(ann, 'a2'), token(ben, 'b1')])
      await store.insertToken(tok);

    expect(await store.findToken('a1')).toEqual(token(ann, 'a1'));
    expect(await store.findToken('zz')).toBeUndefined();

    await store.revokeToken('a1', T0 + 5);
    await store.revokeToken('a1', T0 + 9);
    expect((await store.findToken('a1'))?.revokedAt).toBe(T0 + 5);

    await store.revokeUserTokens(orgA, ann.id, T0 + 7);
    expect((await store.findToken('a1'))?.revokedAt).toBe(T0 + 5);
    expect((await store.findToken('a2'))?.revokedAt).toBe(T0 + 7);
    expect((await store.findToken('b1'))?.revokedAt).toBeNull();
  });

  it("finds a token's session (the token and its user) in one read", async () => {
    const ann = user(orgA, 'ann');
    const ben = user(orgB, 'ben', { role: 'manager' });
    await store.createUser(ann);
    await store.createUser(ben);
    await store.insertToken(token(ann, 'a1'));
    await store.insertToken(token(ben, 'b1'));

    const a1 = await store.findSession('a1');
    expect(a1).toEqual({ token: token(ann, 'a1'), user: ann, usersVersion: a1?.usersVersion });
    expect(await store.findSession('b1')).toMatchObject({ token: token(ben, 'b1'), user: ben });
    expect(await store.findSession('zz')).toBeUndefined();

    // Revoked, and a disabled user: still found; resolveSession refuses them (tokens.ts).
    await store.revokeToken('a1', T0 + 5);
    await store.updateUser(orgA, ann.id, { disabled: true });
    const found = await store.findSession('a1');
    expect(found?.token.revokedAt).toBe(T0 + 5);
    expect(found?.user.disabled).toBe(true);
  });

  it("keeps a firm's people for the rulebook until a change to them raises the firm's users version", async () => {
    const version = async (tokenHash: string) => (await store.findSession(tokenHash))!.usersVersion;
    const ann = user(orgA, 'ann');
    await store.createUser(ann);
    await store.insertToken(token(ann, 'a1'));
    const v1 = await version('a1');
    const first = await store.firmUsers(orgA, v1);
    expect(first.map((u) => u.username)).toEqual(['ann']);
    // Kept: the same list while the version stays.
    expect(await store.firmUsers(orgA, v1)).toBe(first);

    // A new colleague, a renamed one, a new role, a new manager, a disabled one: each raises it.
    const ben = user(orgA, 'ben');
    await store.createUser(ben);
    const v2 = await version('a1');
    expect(v2).toBeGreaterThan(v1);
    expect((await store.firmUsers(orgA, v2)).map((u) => u.username)).toEqual(['ann', 'ben']);
    let last = v2;
    for (const patch of [
      { name: 'Benjamin' },
      { role: 'manager' as const },
      { managerId: ann.id },
      { disabled: true },
    ]) {
      await store.updateUser(orgA, ben.id, patch);
      const now = await version('a1');
      expect(now).toBeGreaterThan(last);
      last = now;
      expect((await store.firmUsers(orgA, now)).find((u) => u.id === ben.id)).toMatchObject(patch);
    }
    // Another firm's change does not move this firm's version; an unknown user changes nothing.
    await store.createUser(user(orgB, 'cat'));
    await store.updateUser(orgA, 'nobody', { name: 'x' });
    expect(await version('a1')).toBe(last);
    // The list is read-only: the rulebook cannot change what the next push reads.
    const kept = await store.firmUsers(orgA, last);
    expect(() => (kept as UserRow[]).push(ann)).toThrow();
    expect(() => ((kept[0] as { name: string }).name = 'x')).toThrow();
  });

  it('counts login failures per key within a time window, apart from the asking attempt', async () => {
    const before = (key: string, since: number, attempt = 'asking') =>
      store.loginFailuresBefore(key, since, attempt);
    for (const at of [T0, T0 + 1000, T0 + 2000]) await store.recordLoginFailure('user:kim', at);
    await store.recordLoginFailure('ip:10.0.0.1', T0 + 1500, 'other');
    await store.recordLoginFailure('user:kim', T0 + 3000, 'asking');

    expect(await before('user:kim', T0)).toEqual({ count: 3, latest: T0 + 2000 });
    expect(await before('user:kim', T0 + 1000)).toEqual({ count: 2, latest: T0 + 2000 });
    expect(await before('user:kim', T0 + 2001)).toEqual({ count: 0, latest: undefined });
    expect(await before('user:kim', T0, 'another')).toEqual({ count: 4, latest: T0 + 3000 });
    expect(await before('ip:10.0.0.1', 0)).toEqual({ count: 1, latest: T0 + 1500 });

    await store.forgetLoginFailure('ip:10.0.0.1', 'other');
    expect((await before('ip:10.0.0.1', 0)).count).toBe(0);
    await store.recordLoginFailure('ip:10.0.0.1', T0 + 1500);
    await store.clearLoginFailures('user:kim');
    expect((await before('user:kim', 0, 'none')).count).toBe(0);
    expect((await before('ip:10.0.0.1', 0)).count).toBe(1);

    // Failures older than the retention go when new ones come in.
    await store.recordLoginFailure('user:lee', T0 + 1500 + LOGIN_FAILURE_RETENTION_MS + 1);
    expect((await before('ip:10.0.0.1', 0)).count).toBe(0);
    expect((await before('user:lee', 0)).count).toBe(1);
  });

  it('keeps known devices by token hash', async () => {
    const ann = user(orgA, 'ann');
    await store.createUser(ann);
    const device = { tokenHash: 'h1', orgId: orgA, userId: ann.id, createdAt: T0 };
    await store.addKnownDevice(device);
    await store.addKnownDevice(device);
    expect(await store.findKnownDevice('h1')).toEqual(device);
    expect(await store.findKnownDevice('h2')).toBeUndefined();
  });

  it("keeps only a person's newest known devices", async () => {
    const ann = user(orgA, 'ann');
    const bob = user(orgA, 'bob');
    await store.createUser(ann);
    await store.createUser(bob);
    await store.addKnownDevice({ tokenHash: 'bob', orgId: orgA, userId: bob.id, createdAt: T0 });
    const n = KNOWN_DEVICES_PER_PERSON + 5;
    for (let i = 0; i < n; i++) {
      await store.addKnownDevice({
        tokenHash: `ann-${i}`,
        orgId: orgA,
        userId: ann.id,
        createdAt: T0 + i,
      });
    }
    const known = async (hash: string) => (await store.findKnownDevice(hash)) !== undefined;
    for (let i = 0; i < 5; i++) expect(await known(`ann-${i}`)).toBe(false);
    for (let i = 5; i < n; i++) expect(await known(`ann-${i}`)).toBe(true);
    // Another person's devices are not counted against her.
    expect(await known('bob')).toBe(true);
  });

  it('stores text exactly, whatever it holds (quotes, backslashes, braces, Chinese, emoji, nulls)', async () => {
    const tricky =
      'a "quoted" \\ back\\slash, {brace}, [x], 华为 🚀, line\nbreak, \'single\', NULL';
    await write(store, orgA, 'accounts', [
      doc('t1', { name: tricky, ownerId: '"own,er"', note: null }),
      doc('t2', { name: 'NULL' }),
    ]);
    const pulled = await store.pull(orgA, 'accounts', 0, 10);
    expect(pulled.map((d) => d.data)).toEqual([
      { id: 't1', name: tricky, ownerId: '"own,er"', note: null, _deleted: false },
      { id: 't2', name: 'NULL', _deleted: false },
    ]);
  });

  it('assigns strictly increasing seqs across the collections of one organisation', async () => {
    expect(await write(store, orgA, 'accounts', [doc('a1'), doc('a2')])).toBe(2);
    expect(await write(store, orgA, 'contacts', [doc('c1')])).toBe(3);
    expect(await write(store, orgA, 'accounts', [doc('a3')])).toBe(4);

    const accounts = await store.pull(orgA, 'accounts', 0, 100);
    expect(accounts.map((d) => [d.id, d.seq])).toEqual([
      ['a1', 1],
      ['a2', 2],
      ['a3', 4],
    ]);
    expect(typeof accounts[0]?.seq).toBe('number');
    expect((await store.pull(orgA, 'contacts', 0, 100)).map((d) => d.seq)).toEqual([3]);
  });

  it('pulls in seq order after a checkpoint, at most limit documents, data intact', async () => {
    const rich = doc('d2', {
      name: '华东区 Ops "quoted"',
      nested: { list: [1, 2.5, null, { deep: true }] },
      nul: 'a\u0000b',
      big: T0,
    });
    for (const d of [doc('d1'), rich, doc('d3'), doc('d4')]) await write(store, orgA, 'leads', [d]);
    // Rewriting d1 moves it to the end with a new seq.
    await write(store, orgA, 'leads', [doc('d1', { stage: 'qualified' })]);

    const all = await store.pull(orgA, 'leads', 0, 100);
    expect(all.map((d) => [d.id, d.seq])).toEqual([
      ['d2', 2],
      ['d3', 3],
      ['d4', 4],
      ['d1', 5],
    ]);
    expect(all[0]?.data).toEqual(rich);
    expect(all[3]?.data).toEqual(doc('d1', { stage: 'qualified' }));

    expect((await store.pull(orgA, 'leads', 0, 2)).map((d) => d.id)).toEqual(['d2', 'd3']);
    expect((await store.pull(orgA, 'leads', 3, 2)).map((d) => d.id)).toEqual(['d4', 'd1']);
    expect(await store.pull(orgA, 'leads', 5, 10)).toEqual([]);
    expect(await store.pull(orgA, 'leads', 0, 0)).toEqual([]);
  });

  it('gives decide() the current masters and writes only what it returns', async () => {
    await write(store, orgA, 'accounts', [doc('x', { name: 'X1' }), doc('y', { name: 'Y1' })]);

    let seen: Map<string, WireDocument> | undefined;
    const seq = await store.push(orgA, 'accounts', ['x', 'new'], (masters) => {
      seen = new Map(masters);
      return [];
    });
    expect(seq).toBeUndefined();
    expect(seen).toEqual(new Map([['x', doc('x', { name: 'X1' })]]));

    // Nothing written above consumed a seq; a throwing decide writes nothing either.
    await expect(
      store.push(orgA, 'accounts', ['x'], () => {
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await write(store, orgA, 'accounts', [doc('x', { name: 'X2' })])).toBe(3);
    expect((await store.pull(orgA, 'accounts', 0, 10)).map((d) => d.data.name)).toEqual([
      'Y1',
      'X2',
    ]);
  });

  it('keeps the last state when one push writes an id twice', async () => {
    const seq = await store.push(orgA, 'accounts', ['x'], () => [
      { id: 'x', data: doc('x', { v: 1 }), updatedBy: 'u' },
      { id: 'x', data: doc('x', { v: 2 }), updatedBy: 'u' },
    ]);
    expect(seq).toBe(1);
    expect((await store.pull(orgA, 'accounts', 0, 10)).map((d) => d.data)).toEqual([
      doc('x', { v: 2 }),
    ]);
  });

  it('keeps deleted documents as tombstones', async () => {
    await write(store, orgA, 'contacts', [doc('c', { name: 'Chen' })]);
    await write(store, orgA, 'contacts', [doc('c', { name: 'Chen' }, true)]);

    const pulled = await store.pull(orgA, 'contacts', 0, 10);
    expect(pulled).toEqual([{ id: 'c', seq: 2, data: doc('c', { name: 'Chen' }, true) }]);
    await store.push(orgA, 'contacts', ['c'], (masters) => {
      expect(masters.get('c')).toEqual(doc('c', { name: 'Chen' }, true));
      return [];
    });
  });

  it('refuses a push to an organisation that does not exist', async () => {
    await expect(write(store, newId(), 'accounts', [doc('a')])).rejects.toThrow(/does not exist/);
  });

  it('isolates organisations', async () => {
    const ann = user(orgA, 'ann');
    await store.createUser(ann);
    await store.insertToken(token(ann, 'tok-a'));
    await write(store, orgA, 'accounts', [doc('shared-id', { name: 'A secret' })]);

    expect(await store.pull(orgB, 'accounts', 0, 100)).toEqual([]);
    expect(await store.listUsers(orgB)).toEqual([]);
    expect(await store.getUser(orgB, ann.id)).toBeUndefined();
    expect(await store.updateUser(orgB, ann.id, { role: 'admin' })).toBeUndefined();
    expect((await store.getUser(orgA, ann.id))?.role).toBe('rep');
    await store.revokeUserTokens(orgB, ann.id, T0);
    expect((await store.findToken('tok-a'))?.revokedAt).toBeNull();

    // Org B's push sees no master for the same id and gets its own sequence.
    const seq = await store.push(orgB, 'accounts', ['shared-id'], (masters) => {
      expect(masters.size).toBe(0);
      return [{ id: 'shared-id', data: doc('shared-id', { name: 'B' }), updatedBy: 'b' }];
    });
    expect(seq).toBe(1);
    expect((await store.pull(orgA, 'accounts', 0, 100)).map((d) => d.data.name)).toEqual([
      'A secret',
    ]);
    expect((await store.pull(orgB, 'accounts', 0, 100)).map((d) => d.data.name)).toEqual(['B']);
  });

  it('serialises concurrent pushes: unique, gap-free seqs and no lost update', async () => {
    const pushes = 20;
    const seqs = await Promise.all(
      Array.from({ length: pushes }, (_, i) => {
        const collection = i % 2 === 0 ? 'accounts' : 'contacts';
        return store.push(orgA, collection, [`p${i}-a`, `p${i}-b`, 'counter'], (masters) => {
          // Read-modify-write of one shared document per collection: a lost update would leave
          // its count below the number of pushes to that collection.
          const current = masters.get('counter');
          const count = typeof current?.count === 'number' ? current.count : 0;
          return [
            { id: `p${i}-a`, data: doc(`p${i}-a`), updatedBy: 'u' },
            { id: `p${i}-b`, data: doc(`p${i}-b`), updatedBy: 'u' },
            { id: 'counter', data: doc('counter', { count: count + 1 }), updatedBy: 'u' },
          ];
        });
      }),
    );
    // Each push wrote 3 documents, so the last seqs are exactly 3, 6, ..., 60 in some order.
    expect([...seqs].sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(
      Array.from({ length: pushes }, (_, i) => 3 * (i + 1)),
    );

    const pulled = [
      ...(await store.pull(orgA, 'accounts', 0, 1000)),
      ...(await store.pull(orgA, 'contacts', 0, 1000)),
    ];
    const ids = pulled.map((d) => d.id).sort();
    const expectedIds = [
      'counter', // one per collection
      'counter',
      ...Array.from({ length: pushes }, (_, i) => [`p${i}-a`, `p${i}-b`]).flat(),
    ].sort();
    expect(ids).toEqual(expectedIds);
    expect(new Set(pulled.map((d) => d.seq)).size).toBe(pulled.length);
    const counters = pulled.filter((d) => d.id === 'counter');
    expect(counters.map((d) => d.data.count)).toEqual([pushes / 2, pushes / 2]);
    expect(Math.max(...counters.map((d) => d.seq))).toBe(3 * pushes);
    // Each page of a paged pull continues exactly where the previous one stopped.
    const paged: string[] = [];
    let after = 0;
    for (;;) {
      const page = await store.pull(orgA, 'accounts', after, 3);
      if (page.length === 0) break;
      paged.push(...page.map((d) => d.id));
      after = page[page.length - 1]?.seq ?? after;
    }
    expect(paged).toEqual((await store.pull(orgA, 'accounts', 0, 1000)).map((d) => d.id));
  });

  it("commits a firm's waiting pushes together, and a failing one fails alone", async () => {
    const pushes = 30;
    const results = await Promise.allSettled(
      Array.from({ length: pushes }, (_, i) =>
        store.pushBatch(orgA, () =>
          Promise.resolve([
            {
              collection: 'accounts',
              id: `g${i}`,
              // Push 7's document cannot be stored (JSON has no BigInt): its group fails, and
              // each of that group's pushes is committed on its own again.
              data: doc(`g${i}`, i === 7 ? { big: BigInt(1) } : { i }),
              updatedBy: 'u',
            },
          ]),
        ),
      ),
    );
    const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [i] : []));
    expect(failed).toEqual([7]);
    const seqs = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value[0]!.seq] : []));
    expect(seqs.sort((a, b) => a - b)).toEqual(Array.from({ length: pushes - 1 }, (_, i) => i + 1));
    const pulled = await store.pull(orgA, 'accounts', 0, 1000);
    expect(pulled.map((d) => d.id).sort()).toEqual(
      Array.from({ length: pushes }, (_, i) => `g${i}`)
        .filter((id) => id !== 'g7')
        .sort(),
    );
    expect(pulled.every((d) => d.data.i === Number(d.id.slice(1)))).toBe(true);
  });

  it('judges a push before its lock, and again under it only when what it saw changed', async () => {
    await write(store, orgA, 'invoices', [doc('inv', { amount: 100 })]);
    await write(store, orgA, 'accounts', [doc('x', { n: 1 }), doc('y')]);
    /**
     * A push that reads x and the payments of inv and writes x as n + 10, with `meanwhile` written
     * by someone else while its first plan runs (before it takes the lock). Returns what each run
     * of the plan saw.
     */
    const pushWith = async (meanwhile: () => Promise<unknown>) => {
      const runs: { n: unknown; payments: number }[] = [];
      await store.pushBatch(orgA, async (trx) => {
        const x = (await trx.read(new Map([['accounts', ['x']]]))).get('accounts|x');
        const payments = await trx.referencing('payments', 'invoiceId', ['inv']);
        runs.push({ n: x?.n, payments: payments.length });
        if (runs.length === 1) await meanwhile();
        return [
          {
            collection: 'accounts',
            id: 'x',
            data: doc('x', { n: Number(x?.n) + 10 }),
            updatedBy: 'u',
          },
        ];
      });
      return runs;
    };
    const stored = async () =>
      (await store.read(orgA, 'accounts', ['x'])).get('x')?.n as number | undefined;

    // Another document of the firm written meanwhile: the plan still holds, it is not run again.
    expect(await pushWith(() => write(store, orgA, 'accounts', [doc('y', { n: 5 })]))).toEqual([
      { n: 1, payments: 0 },
    ]);
    expect(await stored()).toBe(11);
    // The document it read, changed meanwhile: judged again on the new master (no lost update).
    expect(await pushWith(() => write(store, orgA, 'accounts', [doc('x', { n: 100 })]))).toEqual([
      { n: 11, payments: 0 },
      { n: 100, payments: 0 },
    ]);
    expect(await stored()).toBe(110);
    // A payment of the invoice it looked up, added meanwhile: judged again, seeing it.
    expect(
      await pushWith(() => write(store, orgA, 'payments', [doc('pay', { invoiceId: 'inv' })])),
    ).toEqual([
      { n: 110, payments: 0 },
      { n: 110, payments: 1 },
    ]);
    expect(await stored()).toBe(120);
    // The firm's visibility changed meanwhile: judged again.
    expect(await pushWith(() => store.setVisibility(orgA, 'own'))).toEqual([
      { n: 120, payments: 1 },
      { n: 120, payments: 1 },
    ]);
  });

  it('notifies change listeners after a push, across instances on PostgreSQL', async () => {
    // SQLite is one instance by design; PostgreSQL must reach a listener on another instance.
    const listening = kind === 'postgres' ? await t.openAnother() : store;
    const received: ChangeNotice[] = [];
    const stopRecording = listening.onChange((n) => received.push(n));
    const unsubscribed = vi.fn();
    listening.onChange(unsubscribed)();
    listening.onChange(() => {
      throw new Error('a broken listener');
    });

    const first = nextNotice(listening, () => true);
    // A push that writes nothing sends no notice: the first one heard is the write's.
    await store.push(orgA, 'accounts', ['a'], () => []);
    const seq = await write(store, orgA, 'accounts', [doc('a')]);
    expect(await first).toEqual({ orgId: orgA, collection: 'accounts', seq });
    expect(received).toEqual([{ orgId: orgA, collection: 'accounts', seq }]);
    expect(unsubscribed).not.toHaveBeenCalled();

    const second = nextNotice(listening, (n) => n.collection === 'contacts');
    const seq2 = await write(store, orgB, 'contacts', [doc('c')]);
    expect(await second).toEqual({ orgId: orgB, collection: 'contacts', seq: seq2 });
    stopRecording();
  });

  it('migrates again harmlessly', async () => {
    await write(store, orgA, 'accounts', [doc('keep')]);
    await store.migrate();
    await store.migrate();
    const again = await t.openAnother();
    expect((await again.pull(orgA, 'accounts', 0, 10)).map((d) => d.id)).toEqual(['keep']);
    expect(await write(again, orgA, 'accounts', [doc('more')])).toBe(2);
  });
});

describe('SyncStore on postgres, several instances', () => {
  async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      return await run(client);
    } finally {
      await client.end();
    }
  }

  it('lets instances starting at once migrate a fresh schema together', async () => {
    const schema = `ltc_test_${newId().replace(/-/g, '').slice(-16)}`;
    await admin((c) => c.query(`CREATE SCHEMA ${schema}`));
    const stores: SyncStore[] = [];
    try {
      const opened = await Promise.allSettled(
        [1, 2, 3].map(() =>
          openSyncStore({ kind: 'postgres', databaseUrl: TEST_DATABASE_URL, schema }),
        ),
      );
      for (const r of opened) if (r.status === 'fulfilled') stores.push(r.value);
      expect(opened.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
      const orgId = newId();
      await stores[0]?.createOrganisation({ id: orgId, name: 'Acme', createdAt: T0 });
      expect((await stores[2]?.getOrganisation(orgId))?.name).toBe('Acme');
    } finally {
      await Promise.all(stores.map((s) => s.close()));
      await admin((c) => c.query(`DROP SCHEMA ${schema} CASCADE`));
    }
  });

  it('migrates its own schema when another schema holds migrated tables of the same names', async () => {
    // PostgreSQL lists schemas in name order: "ltc_aaa_…" comes before every "ltc_test_…", so a
    // migration that looked at the first `documents` it found would see this one's columns.
    const first = `ltc_aaa_${newId().replace(/-/g, '').slice(-16)}`;
    await admin((c) => c.query(`CREATE SCHEMA ${first}`));
    let earlier: SyncStore | undefined;
    try {
      earlier = await openSyncStore({
        kind: 'postgres',
        databaseUrl: TEST_DATABASE_URL,
        schema: first,
      });
      const t = await openTestStore('postgres');
      try {
        const schema = t.config.kind === 'postgres' ? t.config.schema : '';
        const columns = await admin((c) =>
          c.query<{ column_name: string }>(
            `select column_name from information_schema.columns
              where table_schema = $1 and table_name = 'documents'`,
            [schema],
          ),
        );
        expect(columns.rows.map((row) => row.column_name)).toEqual(
          expect.arrayContaining(['owner_id', 'account_id']),
        );
      } finally {
        await t.cleanup();
      }
    } finally {
      await earlier?.close();
      await admin((c) => c.query(`DROP SCHEMA ${first} CASCADE`));
    }
  });

  it('keeps hearing changes after the LISTEN connection drops', async () => {
    const t = await openTestStore('postgres');
    try {
      const listening = await t.openAnother();
      const orgId = newId();
      await t.store.createOrganisation({ id: orgId, name: 'Acme', createdAt: T0 });
      const schema = t.config.kind === 'postgres' ? t.config.schema : undefined;
      const listeners = `select pid from pg_stat_activity
        where application_name = 'ltc-sync-listener' and state = 'idle'
          and query = 'LISTEN "ltc_sync_changes_${schema}"'`;
      const before = await admin((c) => c.query<{ pid: number }>(listeners));
      expect(before.rows).toHaveLength(2);
      await admin((c) =>
        Promise.all(before.rows.map((r) => c.query('select pg_terminate_backend($1)', [r.pid]))),
      );
      // Wait (bounded by the test timeout) until both instances have listened again.
      const old = new Set(before.rows.map((r) => r.pid));
      for (;;) {
        const now = await admin((c) => c.query<{ pid: number }>(listeners));
        if (now.rows.length === 2 && now.rows.every((r) => !old.has(r.pid))) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }

      const heard = nextNotice(listening, () => true);
      const seq = await write(t.store, orgId, 'accounts', [doc('after-drop')]);
      expect(await heard).toEqual({ orgId, collection: 'accounts', seq });
    } finally {
      await t.cleanup();
    }
  });
});
