import { newId } from '../shared/domain/ids';
import type { PushResponse, PushRow, WireDocument } from '../shared/sync/protocol';
import { created, leadDoc, stampedEvent } from './test-records';
import { useOrganisationFixture, type TestUser } from './test-support';

/**
 * The field-change log syncs like the stage history: append-only, each entry written by its
 * author about a record they may change, naming fields the record has; the server stamps the
 * author's name and role and when it arrived.
 */
describe.each(['sqlite', 'postgres'] as const)('field changes on %s', (backend) => {
  const org = useOrganisationFixture(backend);
  const push = (who: TestUser, rows: PushRow[]) => org.push(who, 'fieldchanges', rows);
  const pull = (who: TestUser) => org.pull(who, 'fieldchanges');

  /** A lead of `owner`'s on the server, as their device pushed it. */
  async function leadOf(owner: TestUser): Promise<WireDocument> {
    const row = created(owner, leadDoc(owner), 'lead');
    expect((await org.push(owner, 'leads', [row])).body).toEqual(clean);
    return row.newDocumentState;
  }

  function fieldChange(
    by: TestUser,
    lead: WireDocument,
    fields: Partial<WireDocument> = {},
  ): WireDocument {
    return {
      id: newId(),
      recordType: 'lead',
      recordId: lead.id,
      at: Date.now(),
      by: by.user.id,
      byName: by.user.name,
      changes: [{ field: 'phone', from: '0512-1111', to: '0512-2222' }],
      _deleted: false,
      ...fields,
    };
  }

  const clean: PushResponse = { conflicts: [], refused: [] };

  it('accepts a rep’s own entries once, stamped, and refuses any later change, even by a manager', async () => {
    const { manager, repA, repB } = org.get();
    const entry = fieldChange(repA, await leadOf(repA));
    expect((await push(repA, [{ newDocumentState: entry }])).body).toEqual(clean);
    expect((await push(repA, [{ newDocumentState: entry }])).body).toEqual(clean); // a retry
    const [stored] = (await pull(repB)).documents;
    expect(stored).toEqual({ ...stampedEvent(entry, repA), _deleted: false });

    const rewritten = { ...entry, changes: [{ field: 'phone', to: 'forged' }] };
    for (const who of [repA, manager]) {
      const refused = await push(who, [
        { assumedMasterState: stored, newDocumentState: rewritten },
      ]);
      expect(refused.body.refused).toEqual([
        expect.objectContaining({
          id: entry.id,
          reason: 'appendOnly',
          message: expect.stringMatching(/append-only/),
        }),
      ]);
    }
    expect((await pull(repB)).documents).toEqual([stored]);
  });

  it('refuses entries in someone else’s name, on a colleague’s record, and malformed ones', async () => {
    const { manager, repA, repB } = org.get();
    const lead = await leadOf(repA);
    const inTheirName = await push(repB, [{ newDocumentState: fieldChange(repA, lead) }]);
    expect(inTheirName.body.refused.map((r) => [r.code, r.reason])).toEqual([
      ['forbidden', 'auditAuthor'],
    ]);
    const onTheirs = await push(repB, [{ newDocumentState: fieldChange(repB, lead) }]);
    expect(onTheirs.body.refused.map((r) => [r.code, r.reason])).toEqual([
      ['forbidden', 'notOwner'],
    ]);
    // Not even a manager writes history in a rep's name: an entry's author is who pushes it.
    const byManager = await push(manager, [{ newDocumentState: fieldChange(repA, lead) }]);
    expect(byManager.body.refused.map((r) => r.reason)).toEqual(['auditAuthor']);

    const noChanges = await push(repA, [
      { newDocumentState: fieldChange(repA, lead, { changes: [] }) },
    ]);
    expect(noChanges.body.refused).toEqual([expect.objectContaining({ field: 'changes' })]);
    const unknownType = fieldChange(repA, lead, { recordType: 'spaceship' });
    const refused = await push(repA, [{ newDocumentState: unknownType }]);
    expect(refused.body.refused).toEqual([expect.objectContaining({ field: 'recordType' })]);
    const noRecord = await push(repA, [
      { newDocumentState: fieldChange(repA, { ...lead, id: newId() }) },
    ]);
    expect(noRecord.body.refused.map((r) => [r.reason, r.field])).toEqual([
      ['referenceMissing', 'recordId'],
    ]);

    // The manager's own entry on the rep's lead is theirs to write.
    expect((await push(manager, [{ newDocumentState: fieldChange(manager, lead) }])).body).toEqual(
      clean,
    );
    expect((await pull(repA)).documents).toHaveLength(1);
  });
});
