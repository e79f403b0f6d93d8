import { describe, expect, it } from 'vitest';
import { CrmError } from '../api/errors';
import { newId } from '../domain/ids';
import { LiveResults, REP, useTestCore } from './test-support';

const fixture = useTestCore();

const run = () => fixture.core.service.commands;

describe('accounts', () => {
  it('creates an account owned by the current user, dropping empty optional fields', async () => {
    const account = await run()['accounts/create']({
      name: '华为技术',
      industry: '通信',
      phone: '',
    });
    expect(account).toEqual({
      id: account.id,
      createdAt: fixture.clock.now(),
      updatedAt: fixture.clock.now(),
      ownerId: REP.id,
      ownerName: REP.name,
      archived: false,
      createdBy: REP.id,
      name: '华为技术',
      industry: '通信',
    });
    expect((await fixture.core.database.accounts.findOne(account.id).exec())?.toJSON()).toEqual(
      account,
    );
  });

  it('patches an account: given fields change, null or empty clear, updatedAt bumps', async () => {
    const account = await run()['accounts/create']({
      name: 'Acme',
      industry: 'Retail',
      website: 'acme.cn',
    });
    const later = fixture.clock.advance(60_000);
    const updated = await run()['accounts/update']({
      id: account.id,
      patch: { name: 'Acme Ltd', industry: '' },
    });
    expect(updated).toEqual({
      ...account,
      name: 'Acme Ltd',
      industry: undefined,
      updatedAt: later,
    });
    expect('industry' in updated).toBe(false);
    expect(updated.createdAt).toBe(account.createdAt);
  });

  it('refuses to update or archive an account that does not exist', async () => {
    const id = newId();
    const update = run()['accounts/update']({ id, patch: { name: 'x' } });
    await expect(update).rejects.toBeInstanceOf(CrmError);
    await expect(update).rejects.toMatchObject({
      data: { type: 'NotFound', entity: 'account', id },
    });
    await expect(run()['accounts/archive']({ id })).rejects.toMatchObject({
      data: { type: 'NotFound' },
    });
    expect(await fixture.core.database.accounts.count().exec()).toBe(0);
  });

  it('lists non-archived accounts live, in Chinese (pinyin) name order', async () => {
    const list = new LiveResults(fixture.core, 'accounts/list', {});
    await list.until((r) => r.length === 0);
    const zhang = await run()['accounts/create']({ name: '张三科技' });
    await run()['accounts/create']({ name: '李四贸易' });
    await run()['accounts/create']({ name: '王五集团' });
    const three = await list.until((r) => r.length === 3);
    expect(three.map((a) => a.name)).toEqual(['李四贸易', '王五集团', '张三科技']);

    const archived = await run()['accounts/archive']({ id: zhang.id });
    expect(archived.archived).toBe(true);
    const two = await list.until((r) => r.length === 2);
    expect(two.map((a) => a.name)).toEqual(['李四贸易', '王五集团']);
    // Archived records keep their data: archiving hides, it does not delete.
    expect((await fixture.core.database.accounts.findOne(zhang.id).exec())?.name).toBe('张三科技');
    list.unsubscribe();
  });
});

describe('contacts', () => {
  it('creates, patches and archives a contact of an existing account', async () => {
    const account = await run()['accounts/create']({ name: '华为技术' });
    const other = await run()['accounts/create']({ name: '中兴通讯' });
    const contact = await run()['contacts/create']({
      accountId: account.id,
      name: '李雷',
      email: 'li@hw.cn',
    });
    expect(contact).toMatchObject({
      accountId: account.id,
      name: '李雷',
      email: 'li@hw.cn',
      archived: false,
    });

    const later = fixture.clock.advance(1000);
    const moved = await run()['contacts/update']({
      id: contact.id,
      patch: { accountId: other.id, title: '采购经理', email: '' },
    });
    expect(moved).toEqual({
      ...contact,
      accountId: other.id,
      title: '采购经理',
      email: undefined,
      updatedAt: later,
    });
    expect('email' in moved).toBe(false);

    const archived = await run()['contacts/archive']({ id: contact.id });
    expect(archived).toMatchObject({ archived: true, updatedAt: later });
  });

  it('refuses a contact whose account does not exist, naming the field, and writes nothing', async () => {
    const create = run()['contacts/create']({ accountId: newId(), name: '韩梅梅' });
    await expect(create).rejects.toMatchObject({
      data: { type: 'ValidationError', fields: [{ field: 'accountId', code: 'notFound' }] },
    });
    const account = await run()['accounts/create']({ name: '华为技术' });
    const contact = await run()['contacts/create']({ accountId: account.id, name: '韩梅梅' });
    await expect(
      run()['contacts/update']({ id: contact.id, patch: { accountId: newId() } }),
    ).rejects.toMatchObject({ data: { fields: [{ field: 'accountId', code: 'notFound' }] } });
    expect((await fixture.core.database.contacts.findOne(contact.id).exec())?.accountId).toBe(
      account.id,
    );
    expect(await fixture.core.database.contacts.count().exec()).toBe(1);
  });

  it('lists non-archived contacts live, optionally for one account, sorted by name', async () => {
    const hw = await run()['accounts/create']({ name: '华为技术' });
    const zte = await run()['accounts/create']({ name: '中兴通讯' });
    const all = new LiveResults(fixture.core, 'contacts/list', {});
    const ofHw = new LiveResults(fixture.core, 'contacts/list', { accountId: hw.id });
    await run()['contacts/create']({ accountId: hw.id, name: '周八' });
    const wu = await run()['contacts/create']({ accountId: hw.id, name: '吴九' });
    await run()['contacts/create']({ accountId: zte.id, name: '郑十' });
    expect((await all.until((r) => r.length === 3)).map((c) => c.name)).toEqual([
      '吴九',
      '郑十',
      '周八',
    ]);
    expect((await ofHw.until((r) => r.length === 2)).map((c) => c.name)).toEqual(['吴九', '周八']);

    await run()['contacts/archive']({ id: wu.id });
    expect((await ofHw.until((r) => r.length === 1)).map((c) => c.name)).toEqual(['周八']);
    expect((await all.until((r) => r.length === 2)).map((c) => c.name)).toEqual(['郑十', '周八']);
    all.unsubscribe();
    ofHw.unsubscribe();
  });
});
