import { newId } from '../shared/domain/ids';
import type { PushRow, WireDocument } from '../shared/sync/protocol';
import { useOrganisationFixture, type TestUser } from './test-support';

/** Gate approvals and pipelines over real HTTP: a rep may ask, only a manager decides. */
describe('gate permissions on the sync server', () => {
  // The fixture's first rep is this file's rep.
  const org = useOrganisationFixture('sqlite');
  const push = (who: TestUser, collection: string, rows: PushRow[]) =>
    org.push(who, collection, rows);

  function deal(owner: TestUser, fields: Partial<WireDocument> = {}): WireDocument {
    const at = Date.now();
    return {
      id: newId(),
      createdAt: at,
      updatedAt: at,
      ownerId: owner.user.id,
      ownerName: owner.user.name,
      archived: false,
      title: 'ERP',
      accountId: newId(),
      pipelineId: 'default',
      stage: 'solution',
      stageEnteredAt: at,
      stageOrder: 1,
      probability: 25,
      _deleted: false,
      ...fields,
    };
  }
  const requested = { stage: 'proposal', status: 'requested', requestedBy: 'x', requestedAt: 1 };
  const approvedBy = (who: TestUser) => ({
    stage: 'proposal',
    status: 'approved',
    by: who.user.id,
    byName: who.user.name,
    at: 2,
  });

  it('lets a rep ask for an approval but not approve it; a manager approves', async () => {
    const { manager, repA: rep } = org.get();
    const mine = deal(rep);
    const asked = { ...mine, approvals: [requested] };
    const selfApproved = { ...mine, approvals: [approvedBy(rep)] };
    const response = await push(rep, 'opportunities', [
      { newDocumentState: asked },
      { newDocumentState: deal(rep, { approvals: [approvedBy(rep)] }) },
    ]);
    expect(response.body.conflicts).toEqual([]);
    expect(response.body.refused).toEqual([
      expect.objectContaining({ code: 'forbidden', message: expect.stringMatching(/approve/) }),
    ]);
    const again = await push(rep, 'opportunities', [
      { assumedMasterState: asked, newDocumentState: selfApproved },
    ]);
    expect(again.body.refused.map((r) => [r.id, r.code])).toEqual([[mine.id, 'forbidden']]);

    const approved = { ...mine, approvals: [approvedBy(manager)] };
    const byManager = await push(manager, 'opportunities', [
      { assumedMasterState: asked, newDocumentState: approved },
    ]);
    expect(byManager.body).toEqual({ conflicts: [], refused: [] });
    // The rep's move keeps the decision untouched, or uses it up: both allowed.
    const edited = { ...approved, title: 'ERP 二期' };
    const { approvals: _used, ...moved } = { ...edited, stage: 'proposal', stageOrder: 2 };
    expect(
      (
        await push(rep, 'opportunities', [
          { assumedMasterState: approved, newDocumentState: edited },
        ])
      ).body,
    ).toEqual({ conflicts: [], refused: [] });
    expect(
      (await push(rep, 'opportunities', [{ assumedMasterState: edited, newDocumentState: moved }]))
        .body,
    ).toEqual({ conflicts: [], refused: [] });
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
