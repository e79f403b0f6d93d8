import { newId } from '../shared/domain/ids';
import type {
  ErrorResponse,
  PullResponse,
  PushResponse,
  PushRow,
  WireDocument,
} from '../shared/sync/protocol';
import { MAX_PULL_LIMIT, MAX_PUSH_ROWS } from '../shared/sync/protocol';
import { created, dealDoc, stampedEvent } from './test-records';
import { callApi, startTestServer, type TestServer, type TestUser } from './test-support';

/** Pull and push over real HTTP, on both backends, with the LTC collections' own schemas. */
describe.each(['sqlite', 'postgres'] as const)('replication on %s', (backend) => {
  let server: TestServer;
  let manager: TestUser;
  let repA: TestUser;
  let repB: TestUser;

  beforeAll(async () => {
    server = await startTestServer({ backend });
  });
  afterAll(() => server?.close());
  beforeEach(async () => {
    // A fresh organisation per test: every pull starts from seq 0 and sees only this test's data.
    manager = await server.createUser({ role: 'manager' });
    const orgId = manager.user.orgId;
    repA = await server.createUser({ role: 'rep', orgId, name: 'Rep A' });
    repB = await server.createUser({ role: 'rep', orgId, name: 'Rep B' });
  });

  const api = <T = unknown>(
    method: string,
    path: string,
    options: Parameters<typeof callApi>[3] = {},
  ) => callApi<T>(server.apiUrl, method, path, options);
  const push = (who: TestUser, rows: PushRow[], collection = 'accounts') =>
    api<PushResponse & ErrorResponse>('POST', `/sync/${collection}/push`, {
      token: who.token,
      json: rows,
    });
  const pull = async (who: TestUser, seq = 0, collection = 'accounts', limit?: number) => {
    const query = limit === undefined ? `seq=${seq}` : `seq=${seq}&limit=${limit}`;
    const response = await api<PullResponse>('GET', `/sync/${collection}/pull?${query}`, {
      token: who.token,
    });
    expect(response.status).toBe(200);
    return response.body;
  };

  function account(owner: TestUser, fields: Partial<WireDocument> = {}): WireDocument {
    const at = Date.now();
    return {
      id: newId(),
      createdAt: at,
      updatedAt: at,
      ownerId: owner.user.id,
      ownerName: owner.user.name,
      archived: false,
      // As the device writes it; the server would stamp the same (shared/rules/stamps.ts).
      createdBy: owner.user.id,
      name: 'Acme Trading',
      _deleted: false,
      ...fields,
    };
  }

  const clean: PushResponse = { conflicts: [], refused: [] };

  it('round-trips pushed documents through pull, by checkpoint', async () => {
    const first = account(repA, { name: 'First' });
    const second = account(repA, { name: 'Second', phone: '021-5555' });
    const pushed = await push(repA, [{ newDocumentState: first }, { newDocumentState: second }]);
    expect(pushed.status).toBe(200);
    expect(pushed.body).toEqual(clean);

    const all = await pull(repB);
    expect(all.documents).toEqual([first, second]);
    expect(all.checkpoint.seq).toBeGreaterThan(0);
    const page = await pull(repB, 0, 'accounts', 1);
    expect(page.documents).toEqual([first]);
    const rest = await pull(repB, page.checkpoint.seq);
    expect(rest.documents).toEqual([second]);
    expect(rest.checkpoint).toEqual(all.checkpoint);
    // Nothing new: the checkpoint stays where the client asked.
    expect(await pull(repB, all.checkpoint.seq)).toEqual({
      documents: [],
      checkpoint: all.checkpoint,
      view: 0,
      epoch: { epoch: all.checkpoint.epoch, since: 0 },
    });

    const removed = { ...first, _deleted: true };
    expect(
      (await push(repA, [{ assumedMasterState: first, newDocumentState: removed }])).body,
    ).toEqual(clean);
    const after = await pull(repB, all.checkpoint.seq);
    expect(after.documents).toEqual([removed]);
  });

  it('returns the master on conflict and writes nothing for that row', async () => {
    const v1 = account(repA);
    await push(repA, [{ newDocumentState: v1 }]);
    const v2 = { ...v1, phone: '010-1234' };
    expect((await push(manager, [{ assumedMasterState: v1, newDocumentState: v2 }])).body).toEqual(
      clean,
    );

    const stale = { ...v1, name: 'Acme Trading Ltd' };
    const conflicted = await push(repA, [{ assumedMasterState: v1, newDocumentState: stale }]);
    expect(conflicted.body).toEqual({ conflicts: [v2], refused: [] });
    // An insert of an id that already exists is a conflict too.
    const blind = await push(repA, [{ newDocumentState: stale }]);
    expect(blind.body).toEqual({ conflicts: [v2], refused: [] });
    expect((await pull(repA)).documents).toEqual([v2]);
  });

  it('applies a push retried after a lost response once: no new seq, no conflict', async () => {
    const v1 = account(repA);
    await push(repA, [{ newDocumentState: v1 }]);
    const row = { assumedMasterState: v1, newDocumentState: { ...v1, name: 'Renamed' } };
    expect((await push(repA, [row])).body).toEqual(clean);
    const before = await pull(repA);

    // The response was "lost": the client sends the very same row again.
    expect((await push(repA, [row])).body).toEqual(clean);
    const after = await pull(repA);
    expect(after).toEqual(before);
    expect(after.documents).toEqual([row.newDocumentState]);
  });

  it('refuses a rep editing another rep’s record, and writes the rest of the push', async () => {
    const theirs = account(repA);
    await push(repA, [{ newDocumentState: theirs }]);
    const { checkpoint } = await pull(repA);

    const mine = account(repB, { name: 'Mine' });
    const edit = { ...theirs, name: 'Taken over' };
    const response = await push(repB, [
      { assumedMasterState: theirs, newDocumentState: edit },
      { newDocumentState: mine },
    ]);
    expect(response.status).toBe(200);
    expect(response.body.conflicts).toEqual([]);
    expect(response.body.refused).toEqual([
      {
        id: theirs.id,
        code: 'forbidden',
        reason: 'notOwner',
        params: { ownerName: 'Rep A' },
        message: expect.stringMatching(/belongs to Rep A/),
      },
    ]);
    expect((await pull(repA, checkpoint.seq)).documents).toEqual([mine]);

    // Nor may a rep create records for others, or give their own away.
    const forOther = account(repA);
    const giveAway = { ...mine, ownerId: repA.user.id, ownerName: repA.user.name };
    const more = await push(repB, [
      { newDocumentState: forOther },
      { assumedMasterState: mine, newDocumentState: giveAway },
    ]);
    expect(more.body.refused.map((r) => [r.id, r.code])).toEqual([
      [forOther.id, 'forbidden'],
      [mine.id, 'forbidden'],
    ]);
    // A manager may change anyone's record, including its owner.
    expect(
      (await push(manager, [{ assumedMasterState: mine, newDocumentState: giveAway }])).body,
    ).toEqual(clean);
    expect((await pull(repA)).documents).toEqual([theirs, giveAway]);
  });

  it('keeps stage events append-only: stored with their record, never changed afterwards', async () => {
    const company = account(repA);
    expect((await push(repA, [{ newDocumentState: company }])).body).toEqual(clean);
    const row = created(repA, dealDoc(repA, String(company.id), { createdBy: repA.user.id }));
    expect((await push(repA, [row], 'opportunities')).body).toEqual(clean);
    // Sent again, the row and its event change nothing (a retry after a lost response).
    expect((await push(repA, [row], 'opportunities')).body).toEqual(clean);
    const [event] = (await pull(repA, 0, 'stageevents')).documents;
    expect(event).toEqual({
      ...stampedEvent(row.stageEvents![0] as WireDocument, repA),
      _deleted: false,
    });

    const changed = { ...event!, reason: 'edited later' };
    for (const who of [repA, manager]) {
      const refused = await push(
        who,
        [{ assumedMasterState: event, newDocumentState: changed }],
        'stageevents',
      );
      expect(refused.body.refused).toEqual([
        expect.objectContaining({
          id: event!.id,
          reason: 'appendOnly',
          message: expect.stringMatching(/append-only/),
        }),
      ]);
    }
    // Nor may one arrive alone, claiming a move the record never made.
    const stray = {
      ...(row.stageEvents![0] as WireDocument),
      id: newId(),
      from: 'qualify',
      to: 'solution',
      at: Date.now(),
      _deleted: false,
    };
    const forged = await push(repA, [{ newDocumentState: stray }], 'stageevents');
    expect(forged.body.refused.map((r) => r.reason)).toEqual(['auditNotInRecord']);
    expect((await pull(repA, 0, 'stageevents')).documents).toEqual([event]);
  });

  it('refuses schema-invalid documents naming the field, and writes nothing for them', async () => {
    const good = account(repA);
    const wrongType = account(repA, { name: 42 });
    const unknownField = account(repA, { colour: 'red' });
    const missing = account(repA);
    delete missing.name;
    const { _deleted: _, ...noDeletedFlag } = account(repA);
    const badMoney = {
      id: newId(),
      createdAt: 1,
      updatedAt: 1,
      ownerId: repA.user.id,
      ownerName: 'Rep A',
      archived: false,
      invoiceId: newId(),
      amount: { minor: -5, currency: 'CNY' },
      receivedOn: '2026-02-30x',
      _deleted: false,
    };
    const response = await push(repA, [
      { newDocumentState: wrongType },
      { newDocumentState: unknownField },
      { newDocumentState: missing },
      { newDocumentState: noDeletedFlag as WireDocument },
      { newDocumentState: good },
      { newDocumentState: { ...good, name: 'duplicate' } },
    ]);
    expect(response.status).toBe(200);
    expect(response.body.conflicts).toEqual([]);
    const refused = response.body.refused.map(({ id, code, field }) => ({ id, code, field }));
    expect(refused).toEqual([
      { id: wrongType.id, code: 'invalid', field: 'name' },
      { id: unknownField.id, code: 'invalid', field: 'colour' },
      { id: missing.id, code: 'invalid', field: 'name' },
      { id: noDeletedFlag.id, code: 'invalid', field: '_deleted' },
      { id: good.id, code: 'invalid', field: undefined },
    ]);
    for (const r of response.body.refused) expect(r.message.length).toBeGreaterThan(5);
    expect((await pull(repA)).documents).toEqual([good]);

    const payments = await push(repA, [{ newDocumentState: badMoney }], 'payments');
    expect(payments.body.refused.map((r) => r.field)).toEqual(['amount.minor']);
    const date = await push(
      repA,
      [{ newDocumentState: { ...badMoney, amount: { minor: 5, currency: 'CNY' } } }],
      'payments',
    );
    expect(date.body.refused.map((r) => r.field)).toEqual(['receivedOn']);
    expect((await pull(repA, 0, 'payments')).documents).toEqual([]);
  });

  it("isolates tenants: another organisation's documents never show, and ids do not collide", async () => {
    const outsider = await server.createUser({ role: 'admin' });
    const secret = account(outsider, { name: 'Secret Corp' });
    expect((await push(outsider, [{ newDocumentState: secret }])).body).toEqual(clean);

    expect((await pull(manager)).documents).toEqual([]);
    // The same id in this organisation is a new document here, not a conflict with theirs.
    const sameId = account(repA, { id: secret.id, name: 'Ours' });
    expect((await push(repA, [{ newDocumentState: sameId }])).body).toEqual(clean);
    expect((await pull(manager)).documents).toEqual([sameId]);
    expect((await pull(outsider)).documents).toEqual([secret]);
  });

  it('caps pull pages at MAX_PULL_LIMIT', async () => {
    const docs = Array.from({ length: MAX_PULL_LIMIT + 1 }, () => account(repA));
    for (let i = 0; i < docs.length; i += MAX_PUSH_ROWS) {
      const rows = docs.slice(i, i + MAX_PUSH_ROWS).map((d) => ({ newDocumentState: d }));
      expect((await push(repA, rows)).body).toEqual(clean);
    }
    const page = await pull(repA, 0, 'accounts', MAX_PULL_LIMIT * 10);
    expect(page.documents).toHaveLength(MAX_PULL_LIMIT);
    expect((await pull(repA, page.checkpoint.seq)).documents).toEqual([docs[MAX_PULL_LIMIT]]);
  });

  it('answers bad requests with 4xx ErrorResponses, writes nothing, and keeps serving', async () => {
    const malformed = await api<ErrorResponse>('POST', '/sync/accounts/push', {
      token: repA.token,
      raw: '[{"newDocumentState": {"id": "x", ',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('badRequest');

    const notArray = await api<ErrorResponse>('POST', '/sync/accounts/push', {
      token: repA.token,
      json: {},
    });
    expect(notArray.status).toBe(400);
    expect(notArray.body.error.code).toBe('validation');

    const poisoned = await api<ErrorResponse>('POST', '/sync/accounts/push', {
      token: repA.token,
      raw: '[{"newDocumentState": {"__proto__": {"admin": true}}}]',
    });
    expect(poisoned.status).toBe(400);
    expect(poisoned.body.error.code).toBe('badRequest');
    const nullRow = await api<ErrorResponse>('POST', '/sync/accounts/push', {
      token: repA.token,
      json: [null],
    });
    expect(nullRow.status).toBe(400);
    expect(nullRow.body.error).toMatchObject({ code: 'validation', field: '[0]' });

    const noKey = await push(repA, [
      { newDocumentState: { name: 'x', _deleted: false } as WireDocument },
    ]);
    expect(noKey.status).toBe(400);
    expect(noKey.body.error.field).toBe('[0].newDocumentState.id');

    const big = account(repA, { notes: 'x'.repeat(6 * 1024 * 1024) });
    const oversized = await push(repA, [{ newDocumentState: big }]);
    expect(oversized.status).toBe(413);
    expect(oversized.body.error.code).toBe('payloadTooLarge');

    const tooMany = Array.from({ length: MAX_PUSH_ROWS + 1 }, () => ({
      newDocumentState: account(repA),
    }));
    const many = await push(repA, tooMany);
    expect(many.status).toBe(413);
    expect(many.body.error.code).toBe('payloadTooLarge');

    const unknown = await push(repA, [{ newDocumentState: account(repA) }], 'secrets');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('notFound');
    const badSeq = await api<ErrorResponse>('GET', '/sync/accounts/pull?seq=-1', {
      token: repA.token,
    });
    expect(badSeq.status).toBe(400);
    expect(badSeq.body.error).toMatchObject({ code: 'validation', field: 'seq' });
    // Beyond a 64-bit column or a JavaScript number: a 400 naming the parameter on both databases.
    for (const [query, field] of [
      ['seq=1e400', 'seq'],
      ['seq=1e20', 'seq'],
      ['seq=9007199254740993', 'seq'],
      ['seq=abc', 'seq'],
      ['seq=0&limit=1e20', 'limit'],
      ['seq=0&limit=0', 'limit'],
    ] as const) {
      const outOfRange = await api<ErrorResponse>('GET', `/sync/accounts/pull?${query}`, {
        token: repA.token,
      });
      expect(outOfRange.status, query).toBe(400);
      expect(outOfRange.body.error, query).toMatchObject({ code: 'validation', field });
    }
    const anonymous = await api<ErrorResponse>('GET', '/sync/accounts/pull?seq=0');
    expect(anonymous.status).toBe(401);

    // A name whose bytes are not UTF-8 (0xFF 0xFE then "A") would be stored as "��A": refused.
    const named = JSON.stringify([{ newDocumentState: account(repA, { name: 'NAME' }) }]);
    const [before, after] = named.split('NAME') as [string, string];
    const notUtf8 = await api<ErrorResponse>('POST', '/sync/accounts/push', {
      token: repA.token,
      raw: new Uint8Array([
        ...new TextEncoder().encode(before),
        0xff,
        0xfe,
        0x41,
        ...new TextEncoder().encode(after),
      ]),
    });
    expect(notUtf8.status).toBe(400);
    expect(notUtf8.body.error.code).toBe('badRequest');
    expect(notUtf8.body.error.message).toMatch(/UTF-8/);

    expect((await pull(repA)).documents).toEqual([]);
    // Still serving: a good push goes through.
    const fine = account(repA);
    expect((await push(repA, [{ newDocumentState: fine }])).body).toEqual(clean);
    expect((await pull(repA)).documents).toEqual([fine]);
  });
});

describe('replication of collections given to the server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      backend: 'sqlite',
      collections: {
        humans: {
          version: 0,
          primaryKey: 'passportId',
          type: 'object',
          keyCompression: false,
          properties: {
            passportId: { type: 'string', maxLength: 100 },
            firstName: { type: 'string', maxLength: 100 },
            age: { type: 'integer', minimum: 0, maximum: 150 },
          },
          required: ['passportId', 'firstName'],
          indexes: ['firstName'],
        },
      },
    });
  });
  afterAll(() => server?.close());

  it('uses their primary key and has no owner rule', async () => {
    const rep = await server.createUser({ role: 'rep' });
    const doc = { passportId: 'p-1', firstName: 'Li', age: 30, _deleted: false };
    const pushed = await callApi<PushResponse>(server.apiUrl, 'POST', '/sync/humans/push', {
      token: rep.token,
      json: [
        { newDocumentState: doc },
        { newDocumentState: { passportId: 'p-2', age: 200, _deleted: false } },
      ],
    });
    expect(pushed.body.refused.map((r) => [r.id, r.field])).toEqual([['p-2', 'firstName']]);
    const pulled = await callApi<PullResponse>(server.apiUrl, 'GET', '/sync/humans/pull?seq=0', {
      token: rep.token,
    });
    expect(pulled.body.documents).toEqual([doc]);
    const ltc = await callApi(server.apiUrl, 'GET', '/sync/accounts/pull?seq=0', {
      token: rep.token,
    });
    expect(ltc.status).toBe(404);
  });
});
