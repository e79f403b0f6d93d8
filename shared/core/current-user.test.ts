import type { CrmCore } from './index';
import { openTestCore } from './test-support';

let core: CrmCore;
afterEach(async () => {
  await core.close();
});

describe('CrmCore.setCurrentUser', () => {
  it('changes who new records are written by, leaving existing records as they are', async () => {
    core = await openTestCore({ currentUser: { id: 'local-1', name: '本机用户' } });
    const before = await core.service.commands['accounts/create']({ name: '华为技术' });

    core.setCurrentUser({ id: 'server-7', name: '王小明' });
    const after = await core.service.commands['accounts/create']({ name: '中兴通讯' });

    expect(after).toMatchObject({ ownerId: 'server-7', ownerName: '王小明' });
    expect(await core.service.commands['profile/current']({})).toEqual({
      id: 'server-7',
      name: '王小明',
    });
    const stored = await core.database.accounts.findOne(before.id).exec();
    expect(stored?.ownerId).toBe('local-1');
  });
});
