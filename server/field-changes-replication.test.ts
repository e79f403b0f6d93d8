import { newId } from '../shared/domain/ids';
import type { PushResponse, PushRow, WireDocument } from '../shared/sync/protocol';
import { useOrganisationFixture, type TestUser } from './test-support';

/** The field-change log syncs like the stage history: append-only, each rep writing only their own. */
describe.each(['sqlite', 'postgres'] as const)('field changes on %s', (backend) => {
  const org = useOrganisationFixture(backend);
  const push = (who: TestUser, rows: PushRow[]) => org.push(who, 'fieldchanges', rows);
  const pull = (who: TestUser) => org.pull(who, 'fieldchanges');

  function fieldChange(by: TestUser, fields: Partial<WireDocument> = {}): WireDocument {
    return {
      id: newId(),
      recordType: 'lead',
      recordId: newId(),
      at: Date.now(),
      by: by.user.id,
      byName: by.user.name,
      changes: [{ field: 'phone', from: '0512-1111', to: '0512-2222' }],
      _deleted: false,
      ...fields,
    };
  }

  const clean: PushResponse = { conflicts: [], refused: [] };

  it('accepts a rep’s own entries once and refuses any later change, even by a manager', async () => {
    const { manager, repA, repB } = org.get();
    const entry = fieldChange(repA);
    expect((await push(repA, [{ newDocumentState: entry }])).body).toEqual(clean);
    expect((await push(repA, [{ newDocumentState: entry }])).body).toEqual(clean); // a retry

    const rewritten = { ...entry, changes: [{ field: 'phone', to: 'forged' }] };
    for (const who of [repA, manager]) {
      const refused = await push(who, [{ assumedMasterState: entry, newDocumentState: rewritten }]);
      expect(refused.body.refused).toEqual([
        { id: entry.id, code: 'forbidden', message: expect.stringMatching(/append-only/) },
      ]);
    }
    expect((await pull(repB)).documents).toEqual([entry]);
  });

  it('refuses a rep recording changes in someone else’s name, and malformed entries', async () => {
    const { manager, repA, repB } = org.get();
    const forged = await push(repB, [{ newDocumentState: fieldChange(repA) }]);
    expect(forged.body.refused.map((r) => r.code)).toEqual(['forbidden']);

    const noChanges = await push(repA, [{ newDocumentState: fieldChange(repA, { changes: [] }) }]);
    expect(noChanges.body.refused).toEqual([expect.objectContaining({ field: 'changes' })]);
    const unknownType = fieldChange(repA, { recordType: 'spaceship' });
    const refused = await push(repA, [{ newDocumentState: unknownType }]);
    expect(refused.body.refused).toEqual([expect.objectContaining({ field: 'recordType' })]);

    // A manager may record an entry for a rep (an import, a correction on their behalf).
    expect((await push(manager, [{ newDocumentState: fieldChange(repA) }])).body).toEqual(clean);
    expect((await pull(repA)).documents).toHaveLength(1);
  });
});
