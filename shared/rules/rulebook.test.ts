import { describe, expect, it } from 'vitest';
import type { RuleUser } from './actor';
import type { Doc } from './catalog';
import { checkWrite, type WriteInput } from './check-write';
import { factsOf } from './test-facts';
import { stageChainOf } from './stage-chain';
import type { Verdict } from './verdict';

/*
 * The rulebook on its own, as pure functions: the same verdicts the core, the sync server and the
 * UI get. Each case is a write a person or a forger could make, judged against a stored version.
 */

const T0 = Date.UTC(2026, 3, 1, 9);
const MANAGER: RuleUser = { id: 'u-mgr', name: '王经理', role: 'manager' };
const REP: RuleUser = { id: 'u-rep', name: '李娜', role: 'rep' };
const OTHER: RuleUser = { id: 'u-rep2', name: '张伟', role: 'rep' };
const USERS = [MANAGER, REP, OTHER];

const account: Doc = {
  id: 'acc-1',
  createdAt: T0,
  updatedAt: T0,
  ownerId: REP.id,
  ownerName: REP.name,
  archived: false,
  name: '华东精密',
};
const contact: Doc = { ...account, id: 'con-1', accountId: 'acc-1', name: '张三' };

function deal(fields: Doc = {}): Doc {
  return {
    id: 'opp-1',
    createdAt: T0,
    updatedAt: T0,
    ownerId: REP.id,
    ownerName: REP.name,
    archived: false,
    createdBy: REP.id,
    title: '产线改造',
    accountId: 'acc-1',
    pipelineId: 'default',
    stage: 'qualify',
    stageEnteredAt: T0,
    stageOrder: 0,
    probability: 10,
    ...fields,
  };
}

const quoted = {
  amount: { minor: 100_000_00, currency: 'CNY' },
  expectedClose: '2026-06-30',
  contactId: 'con-1',
};

function event(fields: Doc): Doc {
  return {
    id: `ev-${String(fields.to)}-${String(fields.at)}`,
    phase: 'opportunity',
    recordId: 'opp-1',
    by: REP.id,
    byName: REP.name,
    ...fields,
  };
}

const facts = (extra: Record<string, Doc[]> = {}) =>
  factsOf({ accounts: [account], contacts: [contact], ...extra }, USERS);

function judge(input: Partial<WriteInput> & Pick<WriteInput, 'after'>): Verdict {
  return checkWrite({ actor: REP, collection: 'opportunities', facts: facts(), ...input });
}

const codes = (verdict: Verdict) => (verdict.ok ? [] : verdict.refusals.map((r) => r.code));

describe('who may write what', () => {
  it('lets a rep write their own records, and a manager every record', () => {
    const stored = deal();
    expect(judge({ before: stored, after: { ...stored, title: '二期' } }).ok).toBe(true);
    const colleagues = deal({ ownerId: OTHER.id, ownerName: OTHER.name });
    const edit = { ...colleagues, title: '二期' };
    expect(judge({ before: colleagues, after: edit })).toEqual({
      ok: false,
      refusals: [{ code: 'notOwner', params: { ownerName: OTHER.name } }],
    });
    expect(judge({ actor: MANAGER, before: colleagues, after: edit }).ok).toBe(true);
  });

  it('refuses a rep handing a record over or creating one for someone else', () => {
    const stored = deal();
    expect(
      codes(
        judge({ before: stored, after: { ...stored, ownerId: OTHER.id, ownerName: OTHER.name } }),
      ),
    ).toEqual(['handOver']);
    expect(
      codes(
        checkWrite({
          actor: REP,
          collection: 'accounts',
          after: { ...account, id: 'acc-2', ownerId: OTHER.id, ownerName: OTHER.name },
          facts: facts(),
        }),
      ),
    ).toEqual(['createForOther']);
  });

  it('lets only managers change pipelines; alone on a device, the one person may', () => {
    const pipeline = {
      id: 'p-1',
      createdAt: T0,
      updatedAt: T0,
      ownerId: REP.id,
      ownerName: REP.name,
      archived: false,
      name: 'x',
      stages: [],
      wonGate: { requiredFields: [], checklist: [], approvalRequired: false },
    };
    const write = (actor: WriteInput['actor']) =>
      checkWrite({ actor, collection: 'pipelines', after: pipeline, facts: facts() });
    expect(codes(write(REP))).toEqual(['configureOnly']);
    expect(write(MANAGER).ok).toBe(true);
    expect(write({ id: 'local', name: '我' }).ok).toBe(true);
  });

  it('keeps manager-only fields out of a rep’s hands', () => {
    const stored = deal({ managerNote: '底价 80 万' });
    expect(
      codes(judge({ before: stored, after: { ...stored, managerNote: '底价 50 万' } })),
    ).toEqual(['notOwner']);
    expect(
      judge({ actor: MANAGER, before: stored, after: { ...stored, managerNote: '底价 50 万' } }).ok,
    ).toBe(true);
  });
});

describe('stage changes and their stage events', () => {
  it('accepts a new deal with its creation event, and refuses one without, or born past a gate', () => {
    const created = deal();
    expect(judge({ after: created, stageEvents: [event({ to: 'qualify', at: T0 })] }).ok).toBe(
      true,
    );
    expect(codes(judge({ after: created }))).toEqual(['stageEventMissing']);
    const bornWon = deal({ stage: 'won', stageOrder: 4, ...quoted });
    expect(codes(judge({ after: bornWon, stageEvents: [event({ to: 'won', at: T0 })] }))).toContain(
      'creationStage',
    );
  });

  it('refuses a stage no pipeline has', () => {
    const stored = deal();
    const hacked = { ...stored, stage: 'hacked', stageEnteredAt: T0 + 1 };
    const verdict = judge({
      before: stored,
      after: hacked,
      stageEvents: [event({ from: 'qualify', to: 'hacked', at: T0 + 1 })],
    });
    expect(codes(verdict)).toEqual(['unknownStage']);
  });

  it('checks each move of a day offline: transitions, the lost reason, the final stage', () => {
    const stored = deal();
    const chain = [
      event({ from: 'qualify', to: 'lost', at: T0 + 1, reason: '预算取消' }),
      event({ from: 'lost', to: 'qualify', at: T0 + 2 }),
      event({ from: 'qualify', to: 'solution', at: T0 + 3 }),
    ];
    const after = { ...stored, stage: 'solution', stageOrder: 1, stageEnteredAt: T0 + 3 };
    expect(judge({ before: stored, after, stageEvents: chain }).ok).toBe(true);
    // Without its reason the lost move is refused; a chain that ends elsewhere is refused.
    const noReason = [{ ...chain[0]!, reason: undefined }, chain[1]!, chain[2]!];
    expect(codes(judge({ before: stored, after, stageEvents: noReason }))).toEqual(['gateFields']);
    expect(
      codes(
        judge({ before: stored, after: { ...after, stageEnteredAt: T0 + 9 }, stageEvents: chain }),
      ),
    ).toEqual(['stageEventMissing']);
  });

  it('refuses qualify straight to won, past the gates and the approval to bid', () => {
    const stored = deal(quoted);
    const won = { ...stored, stage: 'won', stageOrder: 4, stageEnteredAt: T0 + 1 };
    const verdict = judge({
      before: stored,
      after: won,
      stageEvents: [event({ from: 'qualify', to: 'won', at: T0 + 1 })],
    });
    expect(verdict).toMatchObject({
      ok: false,
      refusals: [
        { code: 'transition', params: { from: 'qualify', to: 'won', phase: 'opportunity' } },
      ],
    });
  });

  it('needs the approval to bid recorded in the move, and a real one', () => {
    const approved = {
      stage: 'proposal',
      status: 'approved',
      by: MANAGER.id,
      byName: MANAGER.name,
      at: T0 + 5,
    };
    const stored = deal({ ...quoted, stage: 'solution', stageOrder: 1, approvals: [approved] });
    const moved = { ...stored, stage: 'proposal', stageOrder: 2, stageEnteredAt: T0 + 9 };
    delete (moved as { approvals?: unknown }).approvals;
    const move = (approvals?: Doc[]) =>
      judge({
        before: stored,
        after: moved,
        stageEvents: [
          event({
            from: 'solution',
            to: 'proposal',
            at: T0 + 9,
            ...(approvals ? { approvals } : {}),
          }),
        ],
      });
    expect(move([{ stage: 'proposal', by: MANAGER.id, byName: MANAGER.name, at: T0 + 5 }]).ok).toBe(
      true,
    );
    expect(codes(move())).toEqual(['gateApproval', 'approvalRemoved']);
    // Claiming an approval that was never given (another time, or by the rep).
    expect(
      codes(move([{ stage: 'proposal', by: MANAGER.id, byName: MANAGER.name, at: T0 + 6 }])),
    ).toContain('approvalForged');
    const unapproved = { ...stored, approvals: undefined };
    expect(
      codes(
        judge({
          before: unapproved,
          after: moved,
          stageEvents: [
            event({
              from: 'solution',
              to: 'proposal',
              at: T0 + 9,
              approvals: [{ stage: 'proposal', by: REP.id, byName: REP.name, at: T0 + 8 }],
            }),
          ],
        }),
      ),
    ).toContain('approvalForged');
  });

  it('lets a manager approve and move in one go, offline', () => {
    const stored = deal({
      ...quoted,
      ownerId: MANAGER.id,
      ownerName: MANAGER.name,
      stage: 'solution',
      stageOrder: 1,
    });
    const moved = { ...stored, stage: 'proposal', stageOrder: 2, stageEnteredAt: T0 + 9 };
    const stageEvents = [
      {
        ...event({
          from: 'solution',
          to: 'proposal',
          at: T0 + 9,
          approvals: [{ stage: 'proposal', by: MANAGER.id, byName: MANAGER.name, at: T0 + 8 }],
        }),
        by: MANAGER.id,
        byName: MANAGER.name,
      },
    ];
    expect(
      checkWrite({
        actor: MANAGER,
        collection: 'opportunities',
        before: stored,
        after: moved,
        stageEvents,
        facts: facts(),
      }).ok,
    ).toBe(true);
  });

  it('refuses a move whose gate fields are missing from the state the push leaves', () => {
    const approved = {
      stage: 'proposal',
      status: 'approved',
      by: MANAGER.id,
      byName: MANAGER.name,
      at: T0 + 5,
    };
    const stored = deal({
      stage: 'solution',
      stageOrder: 1,
      approvals: [approved],
      expectedClose: '2026-06-30',
    });
    const moved = {
      ...stored,
      stage: 'proposal',
      stageOrder: 2,
      stageEnteredAt: T0 + 9,
      approvals: undefined,
    };
    const record = { stage: 'proposal', by: MANAGER.id, byName: MANAGER.name, at: T0 + 5 };
    const verdict = judge({
      before: stored,
      after: moved,
      stageEvents: [event({ from: 'solution', to: 'proposal', at: T0 + 9, approvals: [record] })],
    });
    expect(verdict.ok ? [] : verdict.refusals.map((r) => [r.code, r.field])).toEqual([
      ['gateFields', 'amount'],
      ['gateFields', 'contactId'],
    ]);
  });

  it('holds a passed gate’s fields: a quoted deal keeps its amount', () => {
    const stored = deal({ ...quoted, stage: 'negotiation', stageOrder: 3 });
    const { amount: _, ...cleared } = stored;
    expect(judge({ before: stored, after: cleared })).toMatchObject({
      ok: false,
      refusals: [{ code: 'heldField', field: 'amount' }],
    });
    expect(
      judge({ before: stored, after: { ...stored, amount: { minor: 1, currency: 'CNY' } } }).ok,
    ).toBe(true);
  });

  it('refuses an event for another record, by someone else, or a move that is not in the record', () => {
    const stored = deal();
    const after = { ...stored, stage: 'solution', stageOrder: 1, stageEnteredAt: T0 + 1 };
    const own = event({ from: 'qualify', to: 'solution', at: T0 + 1 });
    expect(
      codes(judge({ before: stored, after, stageEvents: [{ ...own, recordId: 'opp-2' }] })),
    ).toEqual(['stageEventMismatch']);
    expect(
      codes(judge({ before: stored, after, stageEvents: [{ ...own, by: OTHER.id }] })),
    ).toEqual(['auditAuthor']);
    expect(
      codes(judge({ before: stored, after: { ...stored, title: 'x' }, stageEvents: [own] })),
    ).toEqual(['auditNotInRecord']);
  });

  it('completes a contract only with its delivery accepted and its invoices paid', () => {
    const contract = {
      id: 'c-1',
      createdAt: T0,
      updatedAt: T0,
      ownerId: REP.id,
      ownerName: REP.name,
      archived: false,
      title: '合同',
      accountId: 'acc-1',
      stage: 'executing',
      stageEnteredAt: T0,
      amount: { minor: 100, currency: 'CNY' },
      deliveryId: 'd-1',
      invoiceIds: ['i-1'],
    };
    const done = { ...contract, stage: 'completed', stageEnteredAt: T0 + 1 };
    const stageEvents = [
      {
        ...event({ from: 'executing', to: 'completed', at: T0 + 1 }),
        phase: 'contract',
        recordId: 'c-1',
      },
    ];
    const invoice = {
      id: 'i-1',
      contractId: 'c-1',
      accountId: 'acc-1',
      stage: 'partiallyPaid',
      amount: { minor: 100, currency: 'CNY' },
      paid: { minor: 50, currency: 'CNY' },
    };
    const judgeWith = (records: Record<string, Doc[]>) =>
      checkWrite({
        actor: REP,
        collection: 'contracts',
        before: contract,
        after: done,
        stageEvents,
        facts: facts(records),
      });
    expect(
      codes(judgeWith({ deliveries: [{ id: 'd-1', stage: 'delivered' }], invoices: [invoice] })),
    ).toEqual(['gateFacts', 'gateFacts']);
    expect(
      judgeWith({
        deliveries: [{ id: 'd-1', stage: 'accepted' }],
        invoices: [{ ...invoice, stage: 'paid', paid: invoice.amount }],
      }).ok,
    ).toBe(true);
  });

  it('keeps an invoice’s stage with its money', () => {
    const invoice = {
      id: 'i-1',
      createdAt: T0,
      updatedAt: T0,
      ownerId: REP.id,
      ownerName: REP.name,
      archived: false,
      number: 'INV-1',
      contractId: 'c-1',
      accountId: 'acc-1',
      stage: 'invoiced',
      stageEnteredAt: T0,
      amount: { minor: 100, currency: 'CNY' },
      paid: { minor: 0, currency: 'CNY' },
      dueOn: '2026-05-01',
    };
    const judgeInvoice = (after: Doc, events: Doc[] = []) =>
      checkWrite({
        actor: REP,
        collection: 'invoices',
        before: invoice,
        after,
        stageEvents: events,
        facts: facts({ contracts: [{ id: 'c-1' }] }),
      });
    const paidEvent = [
      { ...event({ from: 'invoiced', to: 'paid', at: T0 + 1 }), phase: 'invoice', recordId: 'i-1' },
    ];
    expect(
      judgeInvoice(
        { ...invoice, stage: 'paid', stageEnteredAt: T0 + 1, paid: invoice.amount },
        paidEvent,
      ).ok,
    ).toBe(true);
    expect(
      codes(judgeInvoice({ ...invoice, stage: 'paid', stageEnteredAt: T0 + 1 }, paidEvent)),
    ).toEqual(['paidMismatch']);
  });
});

describe('approvals', () => {
  const rejected = {
    stage: 'proposal',
    status: 'rejected',
    by: MANAGER.id,
    byName: MANAGER.name,
    at: T0 + 1,
    reason: '毛利太低',
    requestedBy: REP.id,
    requestedByName: REP.name,
    requestedAt: T0,
  };

  it('lets a rep ask, and ask again on a refusal, but never decide or erase a decision', () => {
    const stored = deal(quoted);
    const asked = {
      ...stored,
      approvals: [
        {
          stage: 'proposal',
          status: 'requested',
          requestedBy: REP.id,
          requestedByName: REP.name,
          requestedAt: T0,
        },
      ],
    };
    expect(judge({ before: stored, after: asked }).ok).toBe(true);
    const selfApproved = {
      ...stored,
      approvals: [{ stage: 'proposal', status: 'approved', by: REP.id, byName: REP.name, at: T0 }],
    };
    expect(codes(judge({ before: stored, after: selfApproved }))).toEqual(['approvalDecision']);
    const refusedDeal = { ...stored, approvals: [rejected] };
    expect(codes(judge({ before: refusedDeal, after: stored }))).toEqual(['approvalRemoved']);
    const askedAgain = { ...stored, approvals: [{ ...rejected, requestedAt: T0 + 2 }] };
    expect(judge({ before: refusedDeal, after: askedAgain }).ok).toBe(true);
    const flipped = { ...stored, approvals: [{ ...rejected, status: 'requested' }] };
    expect(codes(judge({ before: refusedDeal, after: flipped }))).toEqual(['approvalDecision']);
  });

  it('lets a manager decide in their own name only, a rejection with a reason', () => {
    const stored = deal({ ...quoted, approvals: [rejected] });
    const approve = (by: string) => ({
      ...stored,
      approvals: [{ ...rejected, status: 'approved', by, at: T0 + 3, reason: undefined }],
    });
    const asManager = (after: Doc) =>
      checkWrite({
        actor: MANAGER,
        collection: 'opportunities',
        before: stored,
        after,
        facts: facts(),
      });
    expect(asManager(approve(MANAGER.id)).ok).toBe(true);
    expect(codes(asManager(approve('u-other-mgr')))).toEqual(['approvalForged']);
    expect(
      codes(asManager({ ...stored, approvals: [{ ...rejected, at: T0 + 4, reason: ' ' }] })),
    ).toEqual(['rejectionReason']);
  });
});

describe('stamps, references and money', () => {
  it('refuses an impossible creation time, a changed one, and another person’s name', () => {
    const fresh = { ...account, id: 'acc-9' };
    const write = (after: Doc, before?: Doc) =>
      checkWrite({ actor: REP, collection: 'accounts', before, after, facts: facts() });
    expect(codes(write({ ...fresh, createdAt: 0 }))).toEqual(['stampedField']);
    expect(codes(write({ ...account, createdAt: T0 - 5 }, account))).toEqual(['stampedField']);
    expect(codes(write({ ...fresh, ownerName: MANAGER.name }))).toEqual(['impersonation']);
    // A stale own name is not a claim to be someone else: the server stamps the right one.
    expect(write({ ...fresh, ownerName: '李娜（旧名）' }).ok).toBe(true);
  });

  it('needs the records a document names, and never deletes one that others name', () => {
    const orphan = { ...contact, id: 'con-2', accountId: 'acc-missing' };
    expect(
      checkWrite({ actor: REP, collection: 'contacts', after: orphan, facts: facts() }),
    ).toMatchObject({ ok: false, refusals: [{ code: 'referenceMissing', field: 'accountId' }] });
    expect(
      codes(
        checkWrite({
          actor: REP,
          collection: 'accounts',
          before: account,
          after: account,
          deleted: true,
          facts: facts(),
        }),
      ),
    ).toEqual(['referenced']);
  });

  it('takes a payment only up to what is due, counting the same push’s earlier payments', () => {
    const invoice = {
      id: 'i-1',
      contractId: 'c-1',
      accountId: 'acc-1',
      stage: 'invoiced',
      amount: { minor: 1000, currency: 'CNY' },
      paid: { minor: 0, currency: 'CNY' },
    };
    const payment = (id: string, minor: number, createdAt: number) => ({
      id,
      createdAt,
      updatedAt: createdAt,
      ownerId: REP.id,
      ownerName: REP.name,
      archived: false,
      invoiceId: 'i-1',
      amount: { minor, currency: 'CNY' },
      receivedOn: '2026-04-02',
    });
    const stored = payment('p-0', 400, T0);
    const first = payment('p-1', 600, T0 + 1);
    const second = payment('p-2', 100, T0 + 2);
    const records = { invoices: [invoice], payments: [stored, first, second] };
    const push = factsOf({ ...records, accounts: [account] }, USERS, {
      pending: ['payments/p-1', 'payments/p-2'],
    });
    const judgePayment = (after: Doc) =>
      checkWrite({ actor: REP, collection: 'payments', after, facts: push });
    expect(judgePayment(first).ok).toBe(true);
    expect(judgePayment(second)).toMatchObject({
      ok: false,
      refusals: [{ code: 'overDue', params: { due: 0, currency: 'CNY' } }],
    });
  });
});

describe('the audit trail on its own', () => {
  const change = {
    id: 'fc-1',
    recordType: 'opportunity',
    recordId: 'opp-1',
    at: T0 + 1,
    by: REP.id,
    byName: REP.name,
    changes: [{ field: 'title', from: 'a', to: 'b' }],
  };
  const audit = (entry: Doc, before?: Doc, opportunities: Doc[] = [deal()]) =>
    checkWrite({
      actor: REP,
      collection: 'fieldchanges',
      before,
      after: entry,
      facts: facts({ opportunities }),
    });

  it('takes a field change of the author’s own record, once, naming real fields', () => {
    expect(audit(change).ok).toBe(true);
    expect(codes(audit({ ...change, changes: [{ field: 'secret' }] }))).toEqual(['auditField']);
    expect(codes(audit(change, change))).toEqual(['appendOnly']);
    expect(codes(audit({ ...change, by: OTHER.id }))).toEqual(['auditAuthor']);
    expect(
      codes(audit(change, undefined, [deal({ ownerId: OTHER.id, ownerName: OTHER.name })])),
    ).toEqual(['notOwner']);
  });

  it('takes a stage event alone only when it is the record’s latest move', () => {
    const latest = event({ from: 'qualify', to: 'solution', at: T0 + 1 });
    const judgeEvent = (stage: string) =>
      checkWrite({
        actor: REP,
        collection: 'stageevents',
        after: latest,
        facts: facts({ opportunities: [deal({ stage, stageEnteredAt: T0 + 1 })] }),
      });
    expect(judgeEvent('solution').ok).toBe(true);
    expect(codes(judgeEvent('qualify'))).toEqual(['auditNotInRecord']);
  });
});

describe('stageChainOf', () => {
  it('walks back from the current stage to the stored one, leaving out a move that lost a conflict', () => {
    const stored = deal();
    const lostConflict = event({ from: 'qualify', to: 'proposal', at: T0 + 1 });
    const a = event({ from: 'qualify', to: 'lost', at: T0 + 2, reason: 'x' });
    const b = event({ from: 'lost', to: 'qualify', at: T0 + 3 });
    const c = event({ from: 'qualify', to: 'solution', at: T0 + 4 });
    const older = event({ from: 'solution', to: 'qualify', at: T0 - 5 });
    const after = { ...stored, stage: 'solution', stageEnteredAt: T0 + 4 };
    expect(stageChainOf([c, lostConflict, older, b, a], stored, after)).toEqual([a, b, c]);
    expect(stageChainOf([c], stored, stored)).toEqual([]);
    const creation = event({ to: 'qualify', at: T0 });
    expect(stageChainOf([c, a, b, creation], undefined, after)).toEqual([creation, a, b, c]);
  });
});
