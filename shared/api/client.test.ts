import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CrmCore } from '../core/index';
import { openTestCore } from '../core/test-support';
import { createCrmClient } from './client';
import type { CrmApi } from './crm-api';
import { createDispatcher } from './dispatcher';
import { CrmError, type CrmErrorData } from './errors';
import type { QueryResult } from './queries';

let core: CrmCore;
let api: CrmApi;
beforeEach(async () => {
  core = await openTestCore();
  api = createCrmClient(createDispatcher(core.service));
});
afterEach(() => core.close());

describe('createCrmClient', () => {
  it('resolves with the value of a successful command', async () => {
    const account = await api.invoke('accounts/create', { name: '华为技术' });
    expect(account).toMatchObject({ name: '华为技术', archived: false });
  });

  it('throws CrmError carrying the error data', async () => {
    const invalid = api.invoke('accounts/create', { name: '' });
    await expect(invalid).rejects.toBeInstanceOf(CrmError);
    await expect(invalid).rejects.toMatchObject({
      name: 'ValidationError',
      type: 'ValidationError',
      data: { type: 'ValidationError', fields: [{ field: 'name', code: 'required' }] },
    });

    const account = await api.invoke('accounts/create', { name: '华为技术' });
    const deal = await api.invoke('opportunities/create', { title: 'ERP', accountId: account.id });
    const blocked = api.invoke('opportunities/move', { id: deal.id, to: 'proposal' });
    await expect(blocked).rejects.toBeInstanceOf(CrmError);
    await expect(blocked).rejects.toMatchObject({
      type: 'GateBlocked',
      data: { missing: ['amount', 'expectedClose', 'contactId'] },
    });
  });

  it('delivers live results and errors through the callbacks', async () => {
    const results: QueryResult<'accounts/list'>[] = [];
    const errors: CrmErrorData[] = [];
    const unsubscribe = api.subscribe(
      'accounts/list',
      {},
      (r) => results.push(r),
      (e) => errors.push(e),
    );
    await api.invoke('accounts/create', { name: '华为技术' });
    await expect.poll(() => results.at(-1)?.length).toBe(1);
    unsubscribe();

    // A malformed call is refused through onError (the cast plays a caller outside TypeScript).
    api.subscribe(
      'contacts/list',
      { accountId: 42 } as never,
      () => undefined,
      (e) => errors.push(e),
    );
    expect(errors).toEqual([
      expect.objectContaining({
        type: 'ValidationError',
        fields: [{ field: 'accountId', code: 'invalid' }],
      }),
    ]);
  });
});
