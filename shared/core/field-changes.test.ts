import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../api/history-contract';
import { FIELD_CHANGE_VALUE_MAX } from '../schema/field-change-schema';
import { diffRecord, displayValue } from './field-changes';
import { LiveResults, REP, useTestCore } from './test-support';

const fixture = useTestCore();

const run = () => fixture.core.service.commands;
const changesOf = async (recordId: string) =>
  (
    await fixture.core.database.fieldchanges
      .find({ selector: { recordId }, sort: [{ at: 'asc' }], index: ['recordId', 'at'] })
      .exec()
  ).map((doc) => doc.toJSON());

describe('field changes on update', () => {
  it('records exactly the fields a patch changed, who and when', async () => {
    const lead = await run()['leads/create']({
      company: '苏州精工机械有限公司',
      contactName: '陈静',
      phone: '+86 139 1234 5678',
    });
    const at = fixture.clock.advance(60_000);
    await run()['leads/update']({
      id: lead.id,
      patch: {
        company: '苏州精工机械有限公司', // unchanged: not in the entry
        phone: '+86 139 8765 4321',
        contactName: '', // cleared
        email: 'chen.jing@sz-jinggong.cn', // added
      },
    });
    const [entry, ...more] = await changesOf(lead.id);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ recordType: 'lead', recordId: lead.id, at, by: REP.id });
    expect(entry?.byName).toBe(REP.name);
    expect(entry?.changes).toEqual([
      { field: 'contactName', from: '陈静' },
      { field: 'phone', from: '+86 139 1234 5678', to: '+86 139 8765 4321' },
      { field: 'email', to: 'chen.jing@sz-jinggong.cn' },
    ]);
  });

  it('records nothing for a save that changes nothing, nor for a stage move', async () => {
    const lead = await run()['leads/create']({ company: '华为技术', phone: '0755-1234' });
    fixture.clock.advance(1000);
    const saved = await run()['leads/update']({
      id: lead.id,
      patch: { company: '华为技术', phone: '0755-1234' },
    });
    expect(saved.updatedAt).toBeGreaterThan(lead.updatedAt); // the save happened …
    fixture.clock.advance(1000);
    await run()['leads/move']({ id: lead.id, to: 'contacted' });
    expect(await changesOf(lead.id)).toEqual([]); // … but nothing changed, and moves are stage events
  });

  it('stores money, lists and archiving as display strings, cutting long text', async () => {
    const account = await run()['accounts/create']({ name: '华为技术' });
    const deal = await run()['opportunities/create']({
      title: 'ERP 升级',
      accountId: account.id,
      amount: { minor: 1_000_000, currency: 'CNY' },
    });
    fixture.clock.advance(1000);
    const longText = '需'.repeat(FIELD_CHANGE_VALUE_MAX + 50);
    await run()['opportunities/update']({
      id: deal.id,
      patch: { amount: { minor: 1_200_000, currency: 'CNY' }, description: longText },
    });
    fixture.clock.advance(1000);
    await run()['opportunities/archive']({ id: deal.id });
    await run()['opportunities/archive']({ id: deal.id }); // idempotent: no second entry
    const [edit, archive, ...more] = await changesOf(deal.id);
    expect(more).toEqual([]);
    expect(edit?.changes).toEqual([
      {
        field: 'amount',
        from: '{"minor":1000000,"currency":"CNY"}',
        to: '{"minor":1200000,"currency":"CNY"}',
      },
      { field: 'description', to: `${'需'.repeat(FIELD_CHANGE_VALUE_MAX - 1)}…` },
    ]);
    expect(archive?.changes).toEqual([{ field: 'archived', from: 'false', to: 'true' }]);
  });

  it('diffs nested values by content, not by key order or identity', () => {
    const before = { id: 'x', updatedAt: 1, amount: { minor: 5, currency: 'CNY' }, tags: ['a'] };
    const after = {
      id: 'x',
      updatedAt: 2,
      amount: { currency: 'CNY', minor: 5 },
      tags: ['a', 'b'],
    };
    expect(diffRecord(before, after)).toEqual([{ field: 'tags', from: '["a"]', to: '["a","b"]' }]);
    expect(displayValue(0)).toBe('0');
    expect(displayValue(false)).toBe('false');
    expect(displayValue('')).toBeUndefined();
  });
});

const kinds = (entries: HistoryEntry[]) =>
  entries.map((e) => {
    if (e.kind === 'stage') return `stage ${e.event.from ?? '∅'}→${e.event.to} @${e.at}`;
    if (e.kind === 'fields') return `fields ${e.changes.map((c) => c.field).join(',')} @${e.at}`;
    if (e.kind === 'activity') return `activity ${e.activity.subject} @${e.at}`;
    return `created @${e.at}`;
  });

describe('history/forRecord', () => {
  it('merges stage events, field changes and activities, newest first, live', async () => {
    const created = fixture.clock.now();
    const lead = await run()['leads/create']({ company: '苏州精工机械有限公司' });
    const edited = fixture.clock.advance(1000);
    await run()['leads/update']({ id: lead.id, patch: { phone: '0512-6666' } });
    const logged = fixture.clock.advance(1000);
    const call = await run()['activities/create']({
      kind: 'call',
      subject: '首次电话',
      recordType: 'lead',
      recordId: lead.id,
    });
    const moved = fixture.clock.advance(1000);
    await run()['leads/move']({ id: lead.id, to: 'contacted' });

    const history = new LiveResults(fixture.core, 'history/forRecord', {
      recordType: 'lead',
      recordId: lead.id,
    });
    const first = await history.until((entries) => entries.length === 4);
    expect(kinds(first)).toEqual([
      `stage new→contacted @${moved}`,
      `activity 首次电话 @${logged}`,
      `fields phone @${edited}`,
      // A phased record's first stage event is its creation: no separate "created" entry.
      `stage ∅→new @${created}`,
    ]);
    expect(first.every((e) => e.by === REP.id && e.byName === REP.name)).toBe(true);

    // Done later: the activity moves to when it was done; the edit appears without re-subscribing.
    const done = fixture.clock.advance(1000);
    await run()['activities/complete']({ id: call.id, done: true });
    const edit = fixture.clock.advance(1000);
    await run()['leads/update']({ id: lead.id, patch: { source: '展会' } });
    const latest = await history.until((entries) => entries.length === 5);
    expect(kinds(latest).slice(0, 3)).toEqual([
      `fields source @${edit}`,
      `activity 首次电话 @${done}`,
      `stage new→contacted @${moved}`,
    ]);
    history.unsubscribe();
  });

  it('tells the creation of a record without stages from the record itself', async () => {
    const created = fixture.clock.now();
    const account = await run()['accounts/create']({ name: '华为技术' });
    const edited = fixture.clock.advance(5000);
    await run()['accounts/update']({ id: account.id, patch: { industry: '通信设备' } });
    const history = new LiveResults(fixture.core, 'history/forRecord', {
      recordType: 'account',
      recordId: account.id,
    });
    const entries = await history.until((e) => e.length === 2);
    expect(kinds(entries)).toEqual([`fields industry @${edited}`, `created @${created}`]);
    expect(entries[1]).toMatchObject({ by: REP.id, byName: REP.name });
    history.unsubscribe();
  });
});
