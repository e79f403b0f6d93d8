import { afterEach, describe, expect, it } from 'vitest';
import { createCrmClient, createDispatcher } from '../api';
import type { CrmCore } from './index';
import { openTestCore } from './test-support';

let core: CrmCore;
afterEach(() => core.close());

describe('profile/current', () => {
  it('tells the UI who the core writes as, through the bridge', async () => {
    const me = { id: '0190a1b2-0000-7000-8000-000000000001', name: '李娜' };
    core = await openTestCore({ currentUser: me });
    const api = createCrmClient(createDispatcher(core.service));
    expect(await api.invoke('profile/current', {})).toEqual(me);
    const account = await api.invoke('accounts/create', { name: '杭州云帆科技' });
    expect(account.ownerId).toBe(me.id);
  });
});
