import type { PushRefusal, PushResponse, PushRow, WireDocument } from '../shared/sync/protocol';
import {
  accountDoc,
  contactDoc,
  created,
  dealDoc,
  moved,
  quoteFields,
  stageEventDoc,
  tick,
} from './test-records';
import { callApi, useOrganisationFixture, type TestUser } from './test-support';

/*
 * A rep's device, or a script holding a rep's token, trying what the firm's rules forbid (issue 12's
 * list, and more). Each forgery starts from what a real device pushes and changes one thing; each
 * is refused with its reason, and the server's data is the same afterwards (read back by pulling).
 */
describe.each(['sqlite', 'postgres'] as const)('forgeries refused on %s', (backend) => {
  const org = useOrganisationFixture(backend);
  const push = (who: TestUser, collection: string, rows: PushRow[]) =>
    org.push(who, collection, rows);

  /** Everything the firm has, every collection: what "unchanged" is checked against. */
  async function snapshot(who: TestUser): Promise<Record<string, WireDocument[]>> {
    const out: Record<string, WireDocument[]> = {};
    for (const collection of [
      'accounts',
      'contacts',
      'opportunities',
      'stageevents',
      'fieldchanges',
      'invoices',
      'payments',
    ]) {
      out[collection] = (await org.pull(who, collection)).documents;
    }
    return out;
  }

  /** Pushes, expects exactly these refusal reasons, and nothing stored changed. */
  async function refused(who: TestUser, collection: string, rows: PushRow[], reasons: string[]) {
    const { manager } = org.get();
    const before = await snapshot(manager);
    const response = await push(who, collection, rows);
    expect(response.status).toBe(200);
    const got = response.body.refused as PushRefusal[];
    expect(got.flatMap((r) => r.refusals?.map((one) => one.code) ?? [r.reason])).toEqual(reasons);
    for (const refusal of got) expect(refusal.message.length).toBeGreaterThan(10);
    expect(await snapshot(manager)).toEqual(before);
    return got;
  }

  /** A rep's account, contact and quoted deal, made in Qualify and moved on to `stage`. */
  async function repsDeal(rep: TestUser, stage: 'qualify' | 'solution' = 'qualify') {
    const account = accountDoc(rep);
    const contact = contactDoc(rep, String(account.id));
    const deal = dealDoc(rep, String(account.id), quoteFields(String(contact.id)));
    const clean = { conflicts: [], refused: [] };
    expect((await push(rep, 'accounts', [{ newDocumentState: account }])).body).toEqual(clean);
    expect((await push(rep, 'contacts', [{ newDocumentState: contact }])).body).toEqual(clean);
    expect((await push(rep, 'opportunities', [created(rep, deal)])).body).toEqual(clean);
    const stored = async () =>
      (await org.pull(rep, 'opportunities')).documents.find((d) => d.id === deal.id)!;
    if (stage !== 'qualify') {
      expect((await push(rep, 'opportunities', [moved(rep, await stored(), stage)])).body).toEqual(
        clean,
      );
    }
    return { account, contact, deal: await stored() };
  }

  it('a rep moving their own deal from Qualify straight to Won, or into a gate without approval', async () => {
    const { repA } = org.get();
    const { deal } = await repsDeal(repA);
    await refused(repA, 'opportunities', [moved(repA, deal, 'won')], ['transition']);
    // Into Proposal, past the approval to bid that no manager gave.
    await refused(repA, 'opportunities', [moved(repA, deal, 'proposal')], ['gateApproval']);
  });

  it('a rep deleting a manager’s rejection, then moving into the gated stage', async () => {
    const { manager, repA } = org.get();
    const { deal } = await repsDeal(repA, 'solution');
    const rejection = {
      stage: 'proposal',
      status: 'rejected',
      by: manager.user.id,
      byName: manager.user.name,
      at: tick(),
      reason: '毛利太低',
    };
    const rejected = { ...deal, approvals: [rejection], updatedAt: tick() };
    expect(
      (
        await push(manager, 'opportunities', [
          { assumedMasterState: deal, newDocumentState: rejected },
        ])
      ).body.refused,
    ).toEqual([]);
    const stored = (await org.pull(repA, 'opportunities')).documents[0]!;
    const { approvals: _, ...erased } = stored;
    await refused(
      repA,
      'opportunities',
      [
        {
          assumedMasterState: stored,
          newDocumentState: { ...erased, _deleted: false } as WireDocument,
        },
      ],
      ['approvalRemoved'],
    );
    const move = moved(repA, stored, 'proposal', { approvals: undefined });
    delete move.newDocumentState.approvals;
    await refused(repA, 'opportunities', [move], ['gateApproval', 'approvalRemoved']);
  });

  it('a rep’s stage event claiming a manager’s approval that was never given', async () => {
    const { manager, repA } = org.get();
    const { deal } = await repsDeal(repA, 'solution');
    const claim = [
      { stage: 'proposal', by: manager.user.id, byName: manager.user.name, at: tick() },
    ];
    await refused(
      repA,
      'opportunities',
      [moved(repA, deal, 'proposal', {}, { approvals: claim })],
      ['approvalForged'],
    );
    // Nor may a rep write the decision onto the deal itself.
    const selfApproved = {
      ...deal,
      approvals: [
        {
          stage: 'proposal',
          status: 'approved',
          by: repA.user.id,
          byName: repA.user.name,
          at: tick(),
        },
      ],
    };
    await refused(
      repA,
      'opportunities',
      [{ assumedMasterState: deal, newDocumentState: selfApproved }],
      ['approvalDecision'],
    );
  });

  it('stage events on a colleague’s deal, in another’s name, or under a manager’s name', async () => {
    const { repA, repB, manager } = org.get();
    const { deal } = await repsDeal(repA);
    // On a colleague's deal: alone, or with the deal itself.
    const alone = stageEventDoc(repB, deal, { from: 'qualify', to: 'solution', at: tick() });
    await refused(repB, 'stageevents', [{ newDocumentState: alone }], ['notOwner']);
    await refused(repB, 'opportunities', [moved(repB, deal, 'solution')], ['notOwner']);
    // Their own deal, but the event says someone else wrote it, or names the manager.
    await refused(
      repA,
      'opportunities',
      [moved(repA, deal, 'solution', {}, { by: repB.user.id })],
      ['auditAuthor'],
    );
    await refused(
      repA,
      'opportunities',
      [moved(repA, deal, 'solution', {}, { byName: manager.user.name })],
      ['impersonation'],
    );
    // An event that belongs to another record, riding along with this one.
    const row = moved(repA, deal, 'solution');
    const other = await repsDeal(repA);
    row.stageEvents = [{ ...row.stageEvents![0]!, recordId: other.deal.id }];
    await refused(repA, 'opportunities', [row], ['stageEventMismatch']);
  });

  it('a field change on a colleague’s deal, or naming a field the record does not have', async () => {
    const { repA, repB } = org.get();
    const { deal } = await repsDeal(repA);
    const entry = (by: TestUser, changes: unknown[]) => ({
      id: `fc-${tick()}`,
      recordType: 'opportunity',
      recordId: deal.id,
      at: tick(),
      by: by.user.id,
      byName: by.user.name,
      changes,
      _deleted: false,
    });
    await refused(
      repB,
      'fieldchanges',
      [{ newDocumentState: entry(repB, [{ field: 'title', to: 'x' }]) as WireDocument }],
      ['notOwner'],
    );
    await refused(
      repA,
      'fieldchanges',
      [{ newDocumentState: entry(repA, [{ field: 'floorPrice', to: '1' }]) as WireDocument }],
      ['auditField'],
    );
  });

  it('a deal in a stage that does not exist, and one born Won', async () => {
    const { repA } = org.get();
    const { deal } = await repsDeal(repA);
    await refused(repA, 'opportunities', [moved(repA, deal, 'hacked')], ['unknownStage']);
    const bornWon = dealDoc(repA, String(deal.accountId), {
      stage: 'won',
      stageOrder: 4,
      ...quoteFields(String(deal.contactId)),
    });
    await refused(repA, 'opportunities', [created(repA, bornWon)], ['creationStage']);
    const noEvent = dealDoc(repA, String(deal.accountId));
    await refused(repA, 'opportunities', [{ newDocumentState: noEvent }], ['stageEventMissing']);
  });

  it('a deal owned in the manager’s name, created at time 0, or for someone else', async () => {
    const { manager, repA } = org.get();
    const account = accountDoc(repA);
    await push(repA, 'accounts', [{ newDocumentState: account }]);
    const named = dealDoc(repA, String(account.id), { ownerName: manager.user.name });
    await refused(repA, 'opportunities', [created(repA, named)], ['impersonation']);
    const ancient = dealDoc(repA, String(account.id), { createdAt: 0 });
    await refused(repA, 'opportunities', [created(repA, ancient)], ['stampedField']);
    const forOther = dealDoc(repA, String(account.id), {
      ownerId: manager.user.id,
      ownerName: manager.user.name,
    });
    await refused(repA, 'opportunities', [created(repA, forOther)], ['createForOther']);
  });

  it('a deal in the name a colleague was given a moment ago (the rulebook knows the firm’s people at once)', async () => {
    const { server, manager, repA } = org.get();
    const account = accountDoc(repA);
    // The firm's people are now known to the server (and kept between pushes).
    await push(repA, 'accounts', [{ newDocumentState: account }]);
    await server.store.updateUser(manager.user.orgId, manager.user.id, { name: '新任经理' });
    const named = dealDoc(repA, String(account.id), { ownerName: '新任经理' });
    await refused(repA, 'opportunities', [created(repA, named)], ['impersonation']);
    // And on a second server process of the same firm, whose list was read before the change.
    if (backend === 'postgres') {
      const other = await server.startInstance();
      try {
        const pushThere = (rows: PushRow[]) =>
          callApi<PushResponse>(other.apiUrl, 'POST', '/sync/opportunities/push', {
            token: repA.token,
            json: rows,
          });
        const warm = dealDoc(repA, String(account.id));
        expect((await pushThere([created(repA, warm)])).body).toEqual({
          conflicts: [],
          refused: [],
        });
        await server.store.updateUser(manager.user.orgId, manager.user.id, { name: '王总' });
        const renamed = dealDoc(repA, String(account.id), { ownerName: '王总' });
        const response = await pushThere([created(repA, renamed)]);
        expect(response.body.refused.map((r) => r.reason)).toEqual(['impersonation']);
      } finally {
        await other.close();
      }
    }
  });

  it('a payment on an invoice that does not exist, one above what is due, and one in another currency', async () => {
    const { repA } = org.get();
    const payment = (invoiceId: string, minor: number, currency = 'CNY') => ({
      id: `pay-${tick()}`,
      createdAt: tick(),
      updatedAt: tick(),
      ownerId: repA.user.id,
      ownerName: repA.user.name,
      archived: false,
      invoiceId,
      amount: { minor, currency },
      receivedOn: '2026-04-02',
      _deleted: false,
    });
    await refused(
      repA,
      'payments',
      [{ newDocumentState: payment('no-such-invoice', 999_999_999) }],
      ['referenceMissing'],
    );
    const { invoice } = await issuedInvoice(repA);
    await refused(
      repA,
      'payments',
      [{ newDocumentState: payment(String(invoice.id), 1_000_01) }],
      ['overDue'],
    );
    await refused(
      repA,
      'payments',
      [{ newDocumentState: payment(String(invoice.id), 100, 'USD') }],
      ['paymentCurrency'],
    );
    // Two payments in one push that together exceed what is due: the later one is refused.
    const first = payment(String(invoice.id), 600_00);
    const second = payment(String(invoice.id), 600_00);
    const both = await push(repA, 'payments', [
      { newDocumentState: first },
      { newDocumentState: second },
    ]);
    expect(both.body.refused.map((r) => [r.id, r.reason])).toEqual([[second.id, 'overDue']]);
  });

  /** An issued invoice of ¥1,000.00 on a signed contract of the rep's (pushed as a device would). */
  async function issuedInvoice(rep: TestUser) {
    const account = accountDoc(rep);
    await push(rep, 'accounts', [{ newDocumentState: account }]);
    const contract: WireDocument = {
      ...accountDoc(rep),
      title: '合同',
      accountId: account.id,
      stage: 'draft',
      amount: { minor: 1_000_00, currency: 'CNY' },
    };
    delete contract.name;
    const contractRow = created(
      rep,
      { ...contract, stageEnteredAt: contract.createdAt },
      'contract',
    );
    const invoiceDoc: WireDocument = {
      ...accountDoc(rep),
      number: 'INV-1',
      contractId: contract.id,
      accountId: account.id,
      stage: 'scheduled',
      amount: { minor: 1_000_00, currency: 'CNY' },
      paid: { minor: 0, currency: 'CNY' },
      dueOn: '2026-05-01',
    };
    delete invoiceDoc.name;
    const invoiceRow = created(
      rep,
      { ...invoiceDoc, stageEnteredAt: invoiceDoc.createdAt },
      'invoice',
    );
    const batch = await callApi<{ results: Record<string, { refused: unknown[] }> }>(
      org.get().server.apiUrl,
      'POST',
      '/sync/push',
      {
        token: rep.token,
        json: {
          batches: [
            { collection: 'invoices', rows: [invoiceRow] },
            { collection: 'contracts', rows: [contractRow] },
          ],
        },
      },
    );
    expect(batch.body.results.contracts?.refused).toEqual([]);
    expect(batch.body.results.invoices?.refused).toEqual([]);
    const stored = (await org.pull(rep, 'invoices')).documents[0]!;
    const at = tick();
    const issued: WireDocument = {
      ...stored,
      stage: 'invoiced',
      stageEnteredAt: at,
      updatedAt: at,
      issuedOn: '2026-04-01',
    };
    const event = stageEventDoc(rep, stored, {
      from: 'scheduled',
      to: 'invoiced',
      at,
      phase: 'invoice',
    });
    expect(
      (
        await push(rep, 'invoices', [
          { assumedMasterState: stored, newDocumentState: issued, stageEvents: [event] },
        ])
      ).body.refused,
    ).toEqual([]);
    return { invoice: issued };
  }

  it('a hard delete of a record others name, and a rep forging a manager-only field', async () => {
    const { manager, repA } = org.get();
    const { deal } = await repsDeal(repA);
    const account = (await org.pull(repA, 'accounts')).documents[0]!;
    await refused(
      repA,
      'accounts',
      [{ assumedMasterState: account, newDocumentState: { ...account, _deleted: true } }],
      ['referenced'],
    );
    await refused(
      repA,
      'opportunities',
      [{ assumedMasterState: deal, newDocumentState: { ...deal, managerNote: '底价 10 万' } }],
      ['notOwner'],
    );
    // A manager's note never reaches the rep, and the rep's edits keep it.
    const noted = { ...deal, managerNote: '底价 40 万', updatedAt: tick() };
    expect(
      (
        await push(manager, 'opportunities', [
          { assumedMasterState: deal, newDocumentState: noted },
        ])
      ).body.refused,
    ).toEqual([]);
    const seen = (await org.pull(repA, 'opportunities')).documents[0]!;
    expect(seen).not.toHaveProperty('managerNote');
    expect(
      (
        await push(repA, 'opportunities', [
          { assumedMasterState: seen, newDocumentState: { ...seen, title: '二期' } },
        ])
      ).body,
    ).toEqual({ conflicts: [], refused: [] });
    expect((await org.pull(manager, 'opportunities')).documents[0]).toMatchObject({
      title: '二期',
      managerNote: '底价 40 万',
    });
  });

  it('a reference to another firm’s record, and the batch endpoint’s bad requests', async () => {
    const { repA, server } = org.get();
    const outsider = await server.createUser({ role: 'admin' });
    const theirs = accountDoc(outsider);
    expect((await push(outsider, 'accounts', [{ newDocumentState: theirs }])).body.refused).toEqual(
      [],
    );
    await refused(
      repA,
      'contacts',
      [{ newDocumentState: contactDoc(repA, String(theirs.id)) }],
      ['referenceMissing'],
    );

    const batch = (token: string | undefined, json: unknown) =>
      callApi(server.apiUrl, 'POST', '/sync/push', { ...(token ? { token } : {}), json });
    expect((await batch('forged-token', { batches: [] })).status).toBe(401);
    expect((await batch(undefined, { batches: [] })).status).toBe(401);
    expect((await batch(repA.token, { batches: 'all' })).status).toBe(400);
    expect((await batch(repA.token, { batches: [{ collection: 'accounts' }] })).status).toBe(400);
    const twice = {
      batches: [
        { collection: 'accounts', rows: [] },
        { collection: 'accounts', rows: [] },
      ],
    };
    expect((await batch(repA.token, twice)).status).toBe(400);
    expect(
      (await batch(repA.token, { batches: [{ collection: 'spaceships', rows: [] }] })).status,
    ).toBe(404);
    const many = Array.from({ length: 2001 }, () => ({ newDocumentState: accountDoc(repA) }));
    expect(
      (await batch(repA.token, { batches: [{ collection: 'accounts', rows: many }] })).status,
    ).toBe(413);
    const raw = await callApi(server.apiUrl, 'POST', '/sync/push', {
      token: repA.token,
      raw: '{"batches": [',
    });
    expect(raw.status).toBe(400);
    // None of it wrote anything.
    expect((await org.pull(repA, 'accounts')).documents).toEqual([]);
  });
});
