import { newId } from '../shared/domain/ids';
import type { PushResponse, WireDocument } from '../shared/sync/protocol';
import { MAX_STREAMS_PER_USER } from './routes/stream';
import { callApi, startTestServer, type TestServer, type TestUser } from './test-support';
import { openStream } from './test-stream';

function account(owner: TestUser): WireDocument {
  const at = Date.now();
  return {
    id: newId(),
    createdAt: at,
    updatedAt: at,
    ownerId: owner.user.id,
    ownerName: owner.user.name,
    archived: false,
    createdBy: owner.user.id,
    name: 'Acme',
    _deleted: false,
  };
}

async function pushOne(apiUrl: string, who: TestUser, collection: string, doc: WireDocument) {
  const response = await callApi<PushResponse>(apiUrl, 'POST', `/sync/${collection}/push`, {
    token: who.token,
    json: [{ newDocumentState: doc }],
  });
  expect(response.body).toEqual({ conflicts: [], refused: [] });
}

async function lastSeq(apiUrl: string, who: TestUser, collection: string): Promise<number> {
  const response = await callApi<{ checkpoint: { seq: number } }>(
    apiUrl,
    'GET',
    `/sync/${collection}/pull?seq=0&limit=1000`,
    { token: who.token },
  );
  return response.body.checkpoint.seq;
}

describe.each(['sqlite', 'postgres'] as const)('change stream on %s', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ backend, heartbeatMs: 100 });
  });
  afterAll(() => server?.close());

  it('says hello, then reports changes of the own organisation only', async () => {
    const rep = await server.createUser({ role: 'rep' });
    const outsider = await server.createUser({ role: 'rep' });
    const stream = await openStream(server.apiUrl, rep.token);
    try {
      expect(stream.response.status).toBe(200);
      expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(await stream.next()).toMatchObject({
        type: 'hello',
        epoch: expect.stringMatching(/^[0-9a-f]{32}$/),
      });

      // The outsider's push commits first; if its notice reached this stream it would come first.
      await pushOne(server.apiUrl, outsider, 'accounts', { ...account(outsider), name: 'Secret' });
      await pushOne(server.apiUrl, rep, 'accounts', account(rep));
      const seq = await lastSeq(server.apiUrl, rep, 'accounts');
      expect(await stream.next()).toEqual({ type: 'change', collection: 'accounts', seq });

      await pushOne(server.apiUrl, rep, 'accounts', account(rep));
      expect(await stream.next()).toEqual({ type: 'change', collection: 'accounts', seq: seq + 1 });
    } finally {
      stream.close();
    }
  });

  it('sends heartbeats, and ends the stream once the session is revoked', async () => {
    const rep = await server.createUser({ role: 'rep' });
    const stream = await openStream(server.apiUrl, rep.token);
    expect(await stream.next()).toMatchObject({
      type: 'hello',
      epoch: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(await stream.next({ skipComments: false })).toEqual({
      type: 'comment',
      text: 'heartbeat',
    });
    await callApi(server.apiUrl, 'POST', '/auth/logout', { token: rep.token });
    // The next heartbeat finds the session gone and ends the stream.
    expect(await stream.next()).toEqual({ type: 'end' });
  });

  it('keeps at most a few streams open per person: a new one ends their oldest', async () => {
    const rep = await server.createUser({ role: 'rep' });
    const colleague = await server.createUser({ role: 'rep', orgId: rep.user.orgId });
    const theirs = await openStream(server.apiUrl, colleague.token);
    const streams = [];
    for (let i = 0; i < MAX_STREAMS_PER_USER + 3; i++) {
      console.log('opening', i);
      const stream = await openStream(server.apiUrl, rep.token);
      expect(await stream.next()).toMatchObject({
        type: 'hello',
        epoch: expect.stringMatching(/^[0-9a-f]{32}$/),
      });
      console.log('opened', i);
      streams.push(stream);
    }
    try {
      // The three oldest were ended by the server; the newest are live and told of a push.
      for (const stream of streams.slice(0, 3))
        expect(await stream.next()).toEqual({ type: 'end' });
      await pushOne(server.apiUrl, rep, 'accounts', account(rep));
      const seq = await lastSeq(server.apiUrl, rep, 'accounts');
      for (const stream of streams.slice(3)) {
        expect(await stream.next()).toEqual({ type: 'change', collection: 'accounts', seq });
      }
      // Another person's stream is not counted with theirs.
      expect(await theirs.next()).toMatchObject({
        type: 'hello',
        epoch: expect.stringMatching(/^[0-9a-f]{32}$/),
      });
      expect(await theirs.next()).toEqual({ type: 'change', collection: 'accounts', seq });
    } finally {
      for (const stream of [...streams, theirs]) stream.close();
    }
  });

  it('refuses a stream without a valid token', async () => {
    const response = await fetch(`${server.apiUrl}/sync/stream`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });
});

describe('change stream across two instances on one PostgreSQL schema', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ backend: 'postgres' });
  });
  afterAll(() => server?.close());

  it('reports a push handled by instance 1 on a stream of instance 2', async () => {
    const second = await server.startInstance();
    const rep = await server.createUser({ role: 'rep' });
    const stream = await openStream(second.apiUrl, rep.token);
    try {
      expect(await stream.next()).toMatchObject({
        type: 'hello',
        epoch: expect.stringMatching(/^[0-9a-f]{32}$/),
      });
      const doc = account(rep);
      await pushOne(server.apiUrl, rep, 'accounts', doc);
      const seq = await lastSeq(server.apiUrl, rep, 'accounts');
      expect(await stream.next()).toEqual({ type: 'change', collection: 'accounts', seq });
      // And instance 2 serves the document itself.
      const pulled = await callApi<{ documents: WireDocument[] }>(
        second.apiUrl,
        'GET',
        '/sync/accounts/pull?seq=0',
        {
          token: rep.token,
        },
      );
      expect(pulled.body.documents).toEqual([doc]);
    } finally {
      stream.close();
    }
  });

  it('closes instances that still have open streams', async () => {
    const third = await server.startInstance();
    const rep = await server.createUser({ role: 'rep' });
    const stream = await openStream(third.apiUrl, rep.token);
    expect(await stream.next()).toMatchObject({
      type: 'hello',
      epoch: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    await third.close();
    expect(await stream.next()).toEqual({ type: 'end' });
  });
});
