import type { PullResponse, PushRow, WireDocument } from '../shared/sync/protocol';
import { accountDoc, contactDoc, created, dealDoc, moved, quoteFields, tick } from './test-records';
import { callApi, useOrganisationFixture, type TestUser } from './test-support';

/*
 * Who sees what, over real HTTP on both databases: with "own records", a rep pulls their records
 * and those of the accounts they work on, a manager their team's, an admin everything; the view
 * epoch tells a device when what it may see changed; the settings are an admin's.
 */
describe.each(['sqlite', 'postgres'] as const)('visibility on %s', (backend) => {
  const org = useOrganisationFixture(backend);
  const clean = { conflicts: [], refused: [] };
  const api = (who: TestUser | undefined, method: string, path: string, json?: unknown) =>
    callApi(org.get().server.apiUrl, method, path, {
      ...(who ? { token: who.token } : {}),
      ...(json !== undefined ? { json } : {}),
    });
  const pull = async (who: TestUser, collection: string): Promise<PullResponse> => {
    const response = await api(who, 'GET', `/sync/${collection}/pull?seq=0&limit=1000`);
    expect(response.status).toBe(200);
    return response.body as PullResponse;
  };
  const titles = async (who: TestUser) =>
    (await pull(who, 'opportunities')).documents.map((d) => d.title).sort();

  async function push(who: TestUser, collection: string, rows: PushRow[]) {
    expect((await org.push(who, collection, rows)).body).toEqual(clean);
  }

  /** A rep's own account with a deal titled `title`; returns both as stored. */
  async function dealOf(rep: TestUser, title: string, accountId?: string) {
    let account = accountId;
    if (!account) {
      const doc = accountDoc(rep, { name: `${title} 客户` });
      await push(rep, 'accounts', [{ newDocumentState: doc }]);
      account = String(doc.id);
    }
    const deal = dealDoc(rep, account, { title });
    await push(rep, 'opportunities', [created(rep, deal)]);
    const stored = (await pull(rep, 'opportunities')).documents.find((d) => d.id === deal.id)!;
    return { account, deal: stored };
  }

  async function setVisibility(who: TestUser, visibility: string) {
    return api(who, 'PATCH', '/admin/settings', { visibility });
  }

  it('lets an admin choose who sees what, and only an admin', async () => {
    const { repA, manager, server } = org.get();
    const admin = await server.createUser({ role: 'admin', orgId: repA.user.orgId });
    expect((await api(admin, 'GET', '/admin/settings')).body).toEqual({ visibility: 'everyone' });
    expect((await setVisibility(repA, 'own')).status).toBe(403);
    expect((await setVisibility(manager, 'own')).status).toBe(403);
    expect((await api(undefined, 'PATCH', '/admin/settings', { visibility: 'own' })).status).toBe(
      401,
    );
    expect((await setVisibility(admin, 'nobody')).status).toBe(400);
    expect(
      (await api(admin, 'PATCH', '/admin/settings', { visibility: 'own', extra: 1 })).status,
    ).toBe(400);
    expect((await api(admin, 'PATCH', '/admin/settings', 'x'.repeat(10_000))).status).toBe(400);
    const before = (await pull(repA, 'accounts')).view;
    expect((await setVisibility(admin, 'own')).body).toEqual({ visibility: 'own' });
    // Everyone's view epoch moved: their devices pull again.
    expect((await pull(repA, 'accounts')).view).toBe((before ?? 0) + 1);
    // Another firm's admin neither sees nor changes this one's setting.
    const outsider = await server.createUser({ role: 'admin' });
    expect((await api(outsider, 'GET', '/admin/settings')).body).toEqual({
      visibility: 'everyone',
    });
  });

  it('with own records, a rep sees their records and those of the accounts they work on', async () => {
    const { repA, repB, manager, server } = org.get();
    const admin = await server.createUser({ role: 'admin', orgId: repA.user.orgId });
    const a = await dealOf(repA, 'A 的商机');
    const b = await dealOf(repB, 'B 的商机');
    // B also has a deal on A's account: A works on that account, so A sees it.
    await dealOf(repB, 'B 在 A 客户的商机', a.account);
    expect(await titles(repA)).toHaveLength(3);
    await setVisibility(admin, 'own');

    expect(await titles(repA)).toEqual(['A 的商机', 'B 在 A 客户的商机'].sort());
    // B works on A's account too (B's deal there), so B sees A's deal on it.
    expect(await titles(repB)).toHaveLength(3);
    expect(await titles(admin)).toHaveLength(3);
    // The manager has no team yet: only their own (none).
    expect(await titles(manager)).toEqual([]);
    // Accounts and stage events follow: A does not see B's own account or its deal's history.
    const accounts = (await pull(repA, 'accounts')).documents.map((d) => d.id);
    expect(accounts).toEqual([a.account]);
    const events = (await pull(repA, 'stageevents')).documents.map((e) => e.recordId);
    expect(events).not.toContain(b.deal.id);
    expect(events).toContain(a.deal.id);
  });

  it('shows a manager their team, and a change of team raises the manager’s view', async () => {
    const { repA, repB, manager, server } = org.get();
    const admin = await server.createUser({ role: 'admin', orgId: repA.user.orgId });
    await dealOf(repA, 'A 的商机');
    await dealOf(repB, 'B 的商机');
    await setVisibility(admin, 'own');
    const view = (await pull(manager, 'opportunities')).view ?? 0;
    const put = (managerId: string | null) =>
      api(admin, 'PATCH', `/admin/users/${repA.user.id}`, { managerId });
    expect((await put(manager.user.id)).body).toMatchObject({ managerId: manager.user.id });
    expect((await pull(manager, 'opportunities')).view).toBe(view + 1);
    expect(await titles(manager)).toEqual(['A 的商机']);
    // A rep cannot be a manager, nor anyone of another firm, nor oneself.
    expect((await put(repB.user.id)).status).toBe(400);
    expect((await put(repA.user.id)).status).toBe(400);
    const outsider = await server.createUser({ role: 'manager' });
    expect((await put(outsider.user.id)).status).toBe(400);
    expect(
      (await api(repA, 'PATCH', `/admin/users/${repA.user.id}`, { managerId: null })).status,
    ).toBe(403);
    expect((await put(null)).body).not.toHaveProperty('managerId');
    expect(await titles(manager)).toEqual([]);
  });

  it('takes a reassigned deal out of the rep’s view and raises both reps’ views', async () => {
    const { repA, repB, manager, server } = org.get();
    const admin = await server.createUser({ role: 'admin', orgId: repA.user.orgId });
    // The account is the admin's: A works on it only through the deal.
    const account = accountDoc(admin);
    await push(admin, 'accounts', [{ newDocumentState: account }]);
    const a = await dealOf(repA, 'A 的商机', String(account.id));
    await setVisibility(admin, 'own');
    expect((await pull(repA, 'accounts')).documents.map((d) => d.id)).toEqual([account.id]);
    const viewA = (await pull(repA, 'opportunities')).view ?? 0;
    const viewB = (await pull(repB, 'opportunities')).view ?? 0;
    const reassigned = {
      ...a.deal,
      ownerId: repB.user.id,
      ownerName: repB.user.name,
      updatedAt: tick(),
    };
    await push(admin, 'opportunities', [
      { assumedMasterState: a.deal, newDocumentState: reassigned },
    ]);
    const afterA = await pull(repA, 'opportunities');
    expect(afterA.view).toBe(viewA + 1);
    expect(afterA.documents).toEqual([]);
    expect((await pull(repB, 'opportunities')).view).toBe(viewB + 1);
    expect(await titles(repB)).toEqual(['A 的商机']);
    // With the deal went the account A worked on through it.
    expect((await pull(repA, 'accounts')).documents).toEqual([]);
    // An ordinary edit changes nobody's view.
    const stored = (await pull(repB, 'opportunities')).documents[0]!;
    await push(repB, 'opportunities', [
      {
        assumedMasterState: stored,
        newDocumentState: { ...stored, title: '改名', updatedAt: tick() },
      },
    ]);
    expect((await pull(repB, 'opportunities')).view).toBe(viewB + 1);
    void manager;
  });

  it('tells a rep’s event stream only of what they may see', async () => {
    const { repA, repB, server } = org.get();
    const admin = await server.createUser({ role: 'admin', orgId: repA.user.orgId });
    await setVisibility(admin, 'own');
    const events: string[] = [];
    const controller = new AbortController();
    const response = await fetch(`${server.apiUrl}/sync/stream`, {
      headers: { authorization: `Bearer ${repA.token}` },
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        for (const line of decoder.decode(value).split('\n')) {
          if (line.startsWith('data: ')) events.push(line.slice(6));
        }
      }
    })();
    try {
      await expect.poll(() => events.length).toBe(1); // hello
      await dealOf(repB, 'B 的商机');
      await dealOf(repA, 'A 的商机');
      await expect.poll(() => events.filter((e) => e.includes('"opportunities"')).length).toBe(1);
      // B's account and deal were never announced to A; A's were.
      expect(events.filter((e) => e.includes('"accounts"'))).toHaveLength(1);
    } finally {
      controller.abort();
      await reading;
    }
  });

  it('keeps a deal moved on its account visible to its rep, with its history', async () => {
    const { repA, manager, server } = org.get();
    const admin = await server.createUser({ role: 'admin', orgId: repA.user.orgId });
    const account = accountDoc(repA);
    const contact = contactDoc(repA, String(account.id));
    await push(repA, 'accounts', [{ newDocumentState: account }]);
    await push(repA, 'contacts', [{ newDocumentState: contact }]);
    const deal = dealDoc(repA, String(account.id), quoteFields(String(contact.id)));
    await push(repA, 'opportunities', [created(repA, deal)]);
    await setVisibility(admin, 'own');
    const stored = (await pull(repA, 'opportunities')).documents[0] as WireDocument;
    await push(repA, 'opportunities', [moved(repA, stored, 'solution')]);
    expect((await pull(repA, 'stageevents')).documents.map((e) => e.to)).toEqual([
      'qualify',
      'solution',
    ]);
    expect((await pull(manager, 'stageevents')).documents).toEqual([]);
  });
});
