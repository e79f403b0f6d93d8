import { newId } from '../shared/domain/ids';
import type { PushRow, WireDocument } from '../shared/sync/protocol';
import {
  accountDoc,
  approvalRequest,
  contactDoc,
  created,
  dealDoc,
  decided,
  moved,
  quoteFields,
  tick,
} from './test-records';
import { useOrganisationFixture, type TestUser } from './test-support';

/**
 * Gate approvals and pipelines over real HTTP, as devices legitimately use them: a rep asks, a
 * manager decides, the rep's move uses the approval up. The forgeries are rules-attacks.test.ts.
 */
describe('gate permissions on the sync server', () => {
  // The fixture's first rep is this file's rep.
  const org = useOrganisationFixture('sqlite');
  const push = (who: TestUser, collection: string, rows: PushRow[]) =>
    org.push(who, collection, rows);
  const clean = { conflicts: [], refused: [] };
  const stored = async (who: TestUser, id: unknown) =>
    (await org.pull(who, 'opportunities')).documents.find((d) => d.id === id)!;

  it('lets a rep ask for an approval, a manager approve it, and the rep’s move use it up', async () => {
    const { manager, repA: rep } = org.get();
    const account = accountDoc(rep);
    const contact = contactDoc(rep, String(account.id));
    expect((await push(rep, 'accounts', [{ newDocumentState: account }])).body).toEqual(clean);
    expect((await push(rep, 'contacts', [{ newDocumentState: contact }])).body).toEqual(clean);
    const deal = dealDoc(rep, String(account.id), quoteFields(String(contact.id)));
    expect((await push(rep, 'opportunities', [created(rep, deal)])).body).toEqual(clean);
    const toSolution = moved(rep, await stored(rep, deal.id), 'solution');
    expect((await push(rep, 'opportunities', [toSolution])).body).toEqual(clean);

    const inSolution = await stored(rep, deal.id);
    const request = approvalRequest(rep, 'proposal');
    const asked = { ...inSolution, approvals: [request], updatedAt: tick() };
    expect(
      (
        await push(rep, 'opportunities', [
          { assumedMasterState: inSolution, newDocumentState: asked },
        ])
      ).body,
    ).toEqual(clean);

    const seen = await stored(manager, deal.id);
    const decision = decided(request, manager, 'approved');
    const approved = { ...seen, approvals: [decision], updatedAt: tick() };
    expect(
      (
        await push(manager, 'opportunities', [
          { assumedMasterState: seen, newDocumentState: approved },
        ])
      ).body,
    ).toEqual(clean);

    // The move into Proposal records the approval in its stage event and takes it off the deal.
    const current = await stored(rep, deal.id);
    const used = {
      stage: 'proposal',
      by: manager.user.id,
      byName: manager.user.name,
      at: decision.at,
    };
    const move = moved(rep, current, 'proposal', {}, { approvals: [used] });
    delete move.newDocumentState.approvals;
    expect((await push(rep, 'opportunities', [move])).body).toEqual(clean);
    const events = (await org.pull(manager, 'stageevents')).documents;
    expect(events.map((e) => [e.to, e.by, e.role])).toEqual([
      ['qualify', rep.user.id, 'rep'],
      ['solution', rep.user.id, 'rep'],
      ['proposal', rep.user.id, 'rep'],
    ]);
    expect(events[2]).toMatchObject({ approvals: [used], receivedAt: expect.any(Number) });
    expect(await stored(manager, deal.id)).not.toHaveProperty('approvals');
  });

  it('lets only managers write pipelines', async () => {
    const { manager, repA: rep } = org.get();
    const at = Date.now();
    const pipeline = (owner: TestUser): WireDocument => ({
      id: newId(),
      createdAt: at,
      updatedAt: at,
      ownerId: owner.user.id,
      ownerName: owner.user.name,
      archived: false,
      name: '硬件',
      stages: [
        {
          key: 'sA',
          name: 'A',
          probability: 10,
          requiredFields: [],
          checklist: [],
          approvalRequired: false,
        },
      ],
      wonGate: { requiredFields: [], checklist: [], approvalRequired: true },
      _deleted: false,
    });
    const byRep = await push(rep, 'pipelines', [{ newDocumentState: pipeline(rep) }]);
    expect(byRep.body.refused.map((r) => r.code)).toEqual(['forbidden']);
    const byManager = await push(manager, 'pipelines', [{ newDocumentState: pipeline(manager) }]);
    expect(byManager.body).toEqual({ conflicts: [], refused: [] });
  });
});
