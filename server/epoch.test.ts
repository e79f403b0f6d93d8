import { randomBytes } from 'node:crypto';
import type {
  BatchPushResponse,
  ErrorResponse,
  PullResponse,
  PushResponse,
  PushRow,
} from '../shared/sync/protocol';
import { DEFAULT_BODY_LIMIT_BYTES } from './app';
import { accountDoc } from './test-records';
import { callApi, useOrganisationFixture, type TestServer, type TestUser } from './test-support';

/**
 * The server epoch on the wire (store/epoch.ts): every pull and batch push answer carries it, and
 * a push made against another epoch is refused until the client has pulled. Real HTTP, both
 * databases.
 */
describe.each(['sqlite', 'postgres'] as const)('server epoch on %s', (backend) => {
  const fixture = useOrganisationFixture(backend);
  let server: TestServer;
  let rep: TestUser;
  let other: TestUser;
  beforeEach(async () => {
    ({ server, repA: rep } = fixture.get());
    // Another firm on the same server.
    other = await server.createUser({ role: 'rep' });
  });
  const account = (owner: TestUser) => accountDoc(owner);

  const pull = async (who: TestUser) => {
    const response = await callApi<PullResponse>(server.apiUrl, 'GET', '/sync/accounts/pull', {
      token: who.token,
    });
    expect(response.status).toBe(200);
    return response.body;
  };
  const push = (who: TestUser, rows: PushRow[], epoch?: string) =>
    callApi<PushResponse & ErrorResponse>(
      server.apiUrl,
      'POST',
      `/sync/accounts/push${epoch === undefined ? '' : `?epoch=${encodeURIComponent(epoch)}`}`,
      { token: who.token, json: rows },
    );
  const pushBatch = (who: TestUser, body: unknown) =>
    callApi<BatchPushResponse & ErrorResponse>(server.apiUrl, 'POST', '/sync/push', {
      token: who.token,
      json: body,
    });
  const forged = () => randomBytes(16).toString('hex');

  it('carries the epoch in every pull, its checkpoint, and the batch push answer', async () => {
    const epoch = await server.store.epoch();
    expect(epoch).toMatch(/^[0-9a-f]{32}$/);
    const first = await pull(rep);
    expect(first.epoch).toEqual({ epoch, since: 0 });
    expect(first.checkpoint.epoch).toBe(epoch);
    const pushed = await pushBatch(rep, {
      epoch,
      batches: [{ collection: 'accounts', rows: [{ newDocumentState: account(rep) }] }],
    });
    expect(pushed.status).toBe(200);
    expect(pushed.body.epoch).toBe(epoch);
    expect((await push(rep, [{ newDocumentState: account(rep) }], epoch)).status).toBe(200);
    expect((await pull(rep)).documents).toHaveLength(2);
  });

  it('refuses a push that carries another epoch (409 epochChanged) and writes nothing', async () => {
    const doc = account(rep);
    const single = await push(rep, [{ newDocumentState: doc }], forged());
    expect(single.status).toBe(409);
    expect(single.body.error).toMatchObject({ code: 'epochChanged', field: 'epoch' });
    const batch = await pushBatch(rep, {
      epoch: forged(),
      batches: [{ collection: 'accounts', rows: [{ newDocumentState: doc }] }],
    });
    expect(batch.status).toBe(409);
    expect(batch.body.error.code).toBe('epochChanged');
    expect((await pull(rep)).documents).toEqual([]);
  });

  it('refuses a malformed epoch with a 400 naming the field, and writes nothing', async () => {
    const doc = account(rep);
    for (const bad of ['', 'abc', 'G'.repeat(32), forged().toUpperCase(), `${forged()}00`]) {
      const single = await push(rep, [{ newDocumentState: doc }], bad);
      expect(single.status, bad).toBe(400);
      expect(single.body.error.field, bad).toBe('epoch');
    }
    for (const bad of [42, null, { id: forged() }, 'x'.repeat(100_000)]) {
      const batch = await pushBatch(rep, {
        epoch: bad,
        batches: [{ collection: 'accounts', rows: [{ newDocumentState: doc }] }],
      });
      expect(batch.status).toBe(400);
      expect(batch.body.error.field).toBe('epoch');
    }
    expect((await pull(rep)).documents).toEqual([]);
  });

  it('refuses an oversized push before looking at its epoch', async () => {
    const big = { ...account(rep), notes: 'x'.repeat(DEFAULT_BODY_LIMIT_BYTES) };
    const response = await pushBatch(rep, {
      epoch: await server.store.epoch(),
      batches: [{ collection: 'accounts', rows: [{ newDocumentState: big }] }],
    });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('payloadTooLarge');
    expect((await pull(rep)).documents).toEqual([]);
  });

  it("lets no push of another firm change a firm's epoch", async () => {
    const before = await pull(rep);
    // The other firm pushes with a forged epoch (refused) and with the real one (taken).
    expect((await push(other, [{ newDocumentState: account(other) }], forged())).status).toBe(409);
    const epoch = await server.store.epoch();
    expect((await push(other, [{ newDocumentState: account(other) }], epoch)).status).toBe(200);
    const after = await pull(rep);
    expect(after.epoch).toEqual(before.epoch);
    expect(after.documents).toEqual([]);
    // A token of one firm pushing a document into the other's name is still only its own firm.
    expect((await push(rep, [{ newDocumentState: account(rep) }], epoch)).status).toBe(200);
    expect((await pull(other)).documents).toHaveLength(1);
  });
});
