import fc from 'fast-check';
import { createMergeConflictHandler } from './conflict-handler';
import { appendConflicts } from './local-state';
import { FIELD_GROUPS, jsonEqual, mergeDocuments, mergeUnits, type MergeDocument } from './merge';
import type { ConflictEntry } from './types';

const BASE_OPPORTUNITY = {
  id: 'opp-1',
  title: '华为 ERP',
  accountId: 'acc-1',
  pipelineId: 'default',
  stage: 'qualify',
  stageEnteredAt: 1000,
  stageOrder: 1,
  probability: 20,
  amount: { minor: 100_000, currency: 'CNY' },
  ownerId: 'u1',
  ownerName: '王小明',
  archived: false,
  createdAt: 500,
  updatedAt: 1000,
  _deleted: false,
};

describe('mergeDocuments (examples)', () => {
  it('keeps a stage move made on one side and an amount change made on the other', () => {
    const local = {
      ...BASE_OPPORTUNITY,
      stage: 'propose',
      stageEnteredAt: 2000,
      stageOrder: 2,
      probability: 50,
      updatedAt: 2000,
    };
    const server = {
      ...BASE_OPPORTUNITY,
      amount: { minor: 250_000, currency: 'CNY' },
      updatedAt: 1500,
    };
    const { merged, conflicts } = mergeDocuments('opportunities', BASE_OPPORTUNITY, local, server);
    expect(conflicts).toEqual([]);
    expect(merged).toMatchObject({
      stage: 'propose',
      stageEnteredAt: 2000,
      stageOrder: 2,
      probability: 50,
      amount: { minor: 250_000, currency: 'CNY' },
      updatedAt: 2000,
    });
  });

  it("keeps the server's value when both changed a field, and reports the local one", () => {
    const local = { ...BASE_OPPORTUNITY, amount: { minor: 1, currency: 'CNY' }, updatedAt: 3000 };
    const server = { ...BASE_OPPORTUNITY, amount: { minor: 2, currency: 'CNY' }, updatedAt: 2000 };
    const { merged, conflicts } = mergeDocuments('opportunities', BASE_OPPORTUNITY, local, server);
    // The later device clock does not win: the server's state does.
    expect(merged.amount).toEqual({ minor: 2, currency: 'CNY' });
    expect(conflicts).toEqual([
      {
        field: 'amount',
        fields: ['amount'],
        keptValue: { minor: 2, currency: 'CNY' },
        overwrittenValue: { minor: 1, currency: 'CNY' },
      },
    ]);
    // Nothing of the local state survived, so the result is exactly the server's document.
    expect(merged).toEqual(server);
  });

  it('moves a stage and its entry time, order and probability together', () => {
    const local = {
      ...BASE_OPPORTUNITY,
      stage: 'propose',
      stageEnteredAt: 2000,
      stageOrder: 2,
      probability: 50,
    };
    // The server only changed the probability (a manager's override) — same group.
    const server = { ...BASE_OPPORTUNITY, probability: 35 };
    const { merged, conflicts } = mergeDocuments('opportunities', BASE_OPPORTUNITY, local, server);
    expect(merged).toMatchObject({
      stage: 'qualify',
      stageEnteredAt: 1000,
      stageOrder: 1,
      probability: 35,
    });
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({
      field: 'stage',
      keptValue: 'qualify',
      overwrittenValue: 'propose',
      overwrittenFields: { stage: 'propose', stageEnteredAt: 2000, stageOrder: 2, probability: 50 },
    });
  });

  it('treats a field one side removed as a change', () => {
    const base = { ...BASE_OPPORTUNITY, description: 'old' };
    const { description: _removed, ...local } = base;
    const server = { ...base, title: 'renamed' };
    const { merged, conflicts } = mergeDocuments('opportunities', base, local, server);
    expect(conflicts).toEqual([]);
    expect('description' in merged).toBe(false);
    expect(merged.title).toBe('renamed');
  });

  it('without a base, differing fields are conflicts decided for the server', () => {
    const local = { id: 'a', name: 'Local', updatedAt: 5, _deleted: false };
    const server = { id: 'a', name: 'Server', updatedAt: 4, _deleted: false };
    const { merged, conflicts } = mergeDocuments('accounts', undefined, local, server);
    expect(merged).toEqual(server);
    expect(conflicts.map((c) => c.field)).toEqual(['name']);
  });
});

// ------------------------------------------------------------------ properties

const COLLECTIONS = ['opportunities', 'leads', 'accounts'] as const;
const FIELDS = [
  'stage',
  'stageEnteredAt',
  'stageOrder',
  'probability',
  'lostReason',
  'disqualifiedReason',
  'title',
  'amount',
  'description',
  'archived',
];
// Few values, so both sides often pick the same one (the "changed to the same value" case).
const value = fc.oneof(
  fc.constantFrom('a', 'b', 'c'),
  fc.integer({ min: 0, max: 3 }),
  fc.boolean(),
  fc.record({ minor: fc.integer({ min: 0, max: 2 }), currency: fc.constantFrom('CNY', 'EUR') }),
);
const ABSENT = Symbol('absent');
const fieldValue = fc.oneof(value, fc.constant(ABSENT));

function documentFrom(
  values: Record<string, unknown>,
  updatedAt: number,
  deleted: boolean,
): MergeDocument {
  const doc: MergeDocument = { id: 'r1', updatedAt, _deleted: deleted };
  for (const [key, v] of Object.entries(values)) if (v !== ABSENT) doc[key] = v;
  return doc;
}

/** A base and two sides edited from it: each side keeps or replaces each field. */
const scenario = fc
  .record({
    collection: fc.constantFrom(...COLLECTIONS),
    base: fc.dictionary(fc.constantFrom(...FIELDS), value),
    localEdits: fc.dictionary(fc.constantFrom(...FIELDS), fieldValue),
    serverEdits: fc.dictionary(fc.constantFrom(...FIELDS), fieldValue),
    times: fc.tuple(fc.nat(100), fc.nat(100), fc.nat(100)),
    deleted: fc.tuple(fc.boolean(), fc.boolean()),
  })
  .map(({ collection, base, localEdits, serverEdits, times, deleted }) => ({
    collection,
    base: documentFrom(base, times[0], false),
    local: documentFrom({ ...base, ...localEdits }, times[1], deleted[0]),
    server: documentFrom({ ...base, ...serverEdits }, times[2], deleted[1]),
  }));

const unitsOf = (collection: string, docs: MergeDocument[]) =>
  mergeUnits(collection, docs).filter((unit) => unit[0] !== '_deleted');
const sameUnit = (unit: string[], a: MergeDocument, b: MergeDocument) =>
  unit.every((key) => jsonEqual(a[key], b[key]));

describe('mergeDocuments (properties)', () => {
  it('is deterministic, whatever the key order of its inputs', () => {
    fc.assert(
      fc.property(scenario, ({ collection, base, local, server }) => {
        const reversed = (doc: MergeDocument) => Object.fromEntries(Object.entries(doc).reverse());
        const first = mergeDocuments(collection, base, local, server);
        const second = mergeDocuments(
          collection,
          reversed(base),
          reversed(local),
          reversed(server),
        );
        expect(JSON.stringify(second)).toBe(JSON.stringify(first));
      }),
    );
  });

  it('keeps every field unit changed only locally, and only on the server', () => {
    fc.assert(
      fc.property(scenario, ({ collection, base, local, server }) => {
        const { merged } = mergeDocuments(collection, base, local, server);
        for (const unit of unitsOf(collection, [base, local, server])) {
          const localChanged = !sameUnit(unit, base, local);
          const serverChanged = !sameUnit(unit, base, server);
          if (localChanged && !serverChanged) expect(sameUnit(unit, merged, local)).toBe(true);
          if (serverChanged && !localChanged) expect(sameUnit(unit, merged, server)).toBe(true);
          if (!localChanged && !serverChanged) expect(sameUnit(unit, merged, base)).toBe(true);
        }
      }),
    );
  });

  it('every local change survives or is in a conflict entry with its value', () => {
    fc.assert(
      fc.property(scenario, ({ collection, base, local, server }) => {
        const { merged, conflicts } = mergeDocuments(collection, base, local, server);
        for (const field of Object.keys({ ...base, ...local })) {
          if (['id', 'updatedAt', '_deleted'].includes(field)) continue;
          if (jsonEqual(base[field], local[field])) continue;
          if (jsonEqual(merged[field], local[field])) continue;
          const entry = conflicts.find((c) => c.fields.includes(field));
          expect(entry, `local change of ${field} is lost`).toBeDefined();
          const logged = entry?.overwrittenFields
            ? entry.overwrittenFields[field]
            : entry?.overwrittenValue;
          expect(jsonEqual(logged, local[field])).toBe(true);
        }
      }),
    );
  });

  it("reports conflicts only where both sides changed a unit differently, keeping the server's value", () => {
    fc.assert(
      fc.property(scenario, ({ collection, base, local, server }) => {
        const { merged, conflicts } = mergeDocuments(collection, base, local, server);
        for (const unit of unitsOf(collection, [base, local, server])) {
          const both = !sameUnit(unit, base, local) && !sameUnit(unit, base, server);
          if (both && !sameUnit(unit, local, server)) {
            expect(sameUnit(unit, merged, server)).toBe(true);
            expect(conflicts.some((c) => c.field === unit[0])).toBe(true);
          }
        }
        for (const conflict of conflicts) {
          const unit = [...conflict.fields];
          expect(sameUnit(unit, base, local)).toBe(false);
          expect(sameUnit(unit, base, server)).toBe(false);
          expect(sameUnit(unit, local, server)).toBe(false);
          expect(sameUnit(unit, merged, server)).toBe(true);
          expect(jsonEqual(conflict.keptValue, server[conflict.field])).toBe(true);
        }
        if (FIELD_GROUPS[collection]) {
          // A group is never split: its fields all come from the same side.
          for (const group of FIELD_GROUPS[collection] ?? []) {
            const fromLocal = sameUnit([...group], merged, local);
            const fromServer = sameUnit([...group], merged, server);
            expect(fromLocal || fromServer).toBe(true);
          }
        }
      }),
    );
  });

  it("takes the later updatedAt, or the server's when the result is the server's document", () => {
    fc.assert(
      fc.property(scenario, ({ collection, base, local, server }) => {
        const { merged } = mergeDocuments(collection, base, local, server);
        const { updatedAt: _m, ...mergedFields } = merged;
        const { updatedAt: _s, ...serverFields } = server;
        if (jsonEqual(mergedFields, serverFields)) expect(merged.updatedAt).toBe(server.updatedAt);
        else
          expect(merged.updatedAt).toBe(
            Math.max(Number(local.updatedAt), Number(server.updatedAt)),
          );
      }),
    );
  });
});

// ------------------------------------------------------------------ RxDB's conflict handler

describe('createMergeConflictHandler', () => {
  function handlerWithLog() {
    let log = { entries: [] as ConflictEntry[] };
    const calls: ConflictEntry[][] = [];
    const handler = createMergeConflictHandler<Record<string, unknown>>({
      collection: 'opportunities',
      now: () => 42,
      log: async (entries) => {
        calls.push(entries);
        log = appendConflicts(log, entries);
      },
    });
    return { handler, calls, log: () => log.entries };
  }

  const input = {
    assumedMasterState: BASE_OPPORTUNITY,
    newDocumentState: {
      ...BASE_OPPORTUNITY,
      title: 'local title',
      description: 'mine',
      updatedAt: 3000,
    },
    realMasterState: { ...BASE_OPPORTUNITY, title: 'server title', updatedAt: 2000 },
  };

  it('resolves to the merge and logs each field both sides changed', async () => {
    const { handler, log } = handlerWithLog();
    const resolved = await handler.resolve(input, 'test');
    expect(resolved).toMatchObject({
      title: 'server title',
      description: 'mine',
      updatedAt: 3000,
      _deleted: false,
    });
    expect(log()).toEqual([
      expect.objectContaining({
        collection: 'opportunities',
        recordId: 'opp-1',
        recordLabel: 'server title',
        field: 'title',
        keptValue: 'server title',
        overwrittenValue: 'local title',
        at: 42,
      }),
    ]);
  });

  it('logs a conflict once when RxDB resolves it again', async () => {
    const { handler, calls, log } = handlerWithLog();
    await handler.resolve(input, 'test');
    await handler.resolve(structuredClone(input), 'test');
    expect(calls).toHaveLength(2);
    expect(calls[0]?.[0]?.id).toBe(calls[1]?.[0]?.id);
    expect(log()).toHaveLength(1);
  });

  it('gives a new entry when the same field conflicts again with a newer server state', async () => {
    const { handler, log } = handlerWithLog();
    await handler.resolve(input, 'test');
    await handler.resolve(
      { ...input, realMasterState: { ...input.realMasterState, updatedAt: 2500 } },
      'test',
    );
    expect(log()).toHaveLength(2);
  });

  it('compares replicated fields only, ignoring RxDB bookkeeping', () => {
    const { handler } = handlerWithLog();
    const withMeta = { ...BASE_OPPORTUNITY, _rev: '1-a', _meta: { lwt: 1 }, _attachments: {} };
    expect(handler.isEqual(withMeta, BASE_OPPORTUNITY, 'test')).toBe(true);
    expect(handler.isEqual({ ...BASE_OPPORTUNITY, title: 'x' }, BASE_OPPORTUNITY, 'test')).toBe(
      false,
    );
  });
});
