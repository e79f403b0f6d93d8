import { act, render, screen, waitFor } from '@testing-library/react';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { createCrmClient, createDispatcher, type LtcBridge } from '../../shared/api';
import { openCrmCore, type CrmCore } from '../../shared/core';
import { CrmProvider } from './crm-context';
import { useLiveQuery } from './use-live-query';

let core: CrmCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

/** The real dispatcher, counting the subscriptions that are open right now. */
function countingBridge(inner: LtcBridge) {
  const open = { count: 0 };
  const bridge: LtcBridge = {
    invoke: inner.invoke,
    subscribe(query, args, onMessage) {
      open.count += 1;
      const unsubscribe = inner.subscribe(query, args, onMessage);
      return () => {
        open.count -= 1;
        unsubscribe();
      };
    },
  };
  return { bridge, open };
}

function Contacts({ accountId }: { accountId: string }) {
  const { data, loading, error } = useLiveQuery('contacts/list', { accountId });
  if (error) return <p>error: {error.type}</p>;
  if (loading) return <p>loading</p>;
  return <p>contacts: {data?.map((c) => c.name).join(', ')}</p>;
}

describe('useLiveQuery', () => {
  it('follows its arguments, stays live, and unsubscribes on unmount', async () => {
    core = await openCrmCore({
      storage: getRxStorageMemory(),
      databaseName: `live-${Date.now()}`,
      currentUser: { id: 'u1', name: '我' },
    });
    const { bridge, open } = countingBridge(createDispatcher(core.service));
    const api = createCrmClient(bridge);
    const a = await api.invoke('accounts/create', { name: '甲公司' });
    const b = await api.invoke('accounts/create', { name: '乙公司' });
    await api.invoke('contacts/create', { accountId: a.id, name: '张伟' });
    await api.invoke('contacts/create', { accountId: b.id, name: '李娜' });

    const view = render(
      <CrmProvider session={{ api }}>
        <Contacts accountId={a.id} />
      </CrmProvider>,
    );
    expect(screen.getByText('loading')).toBeInTheDocument();
    expect(await screen.findByText('contacts: 张伟')).toBeInTheDocument();
    expect(open.count).toBe(1);

    await act(() => api.invoke('contacts/create', { accountId: a.id, name: '陈静' }));
    expect(await screen.findByText('contacts: 陈静, 张伟')).toBeInTheDocument();

    // New arguments: never the old answer under the new question, and still one subscription.
    view.rerender(
      <CrmProvider session={{ api }}>
        <Contacts accountId={b.id} />
      </CrmProvider>,
    );
    expect(screen.queryByText(/张伟/)).not.toBeInTheDocument();
    expect(await screen.findByText('contacts: 李娜')).toBeInTheDocument();
    expect(open.count).toBe(1);

    view.unmount();
    expect(open.count).toBe(0);
  });

  it('reports a refused query as an error', async () => {
    core = await openCrmCore({
      storage: getRxStorageMemory(),
      databaseName: `live-${Date.now()}-2`,
      currentUser: { id: 'u1', name: '我' },
    });
    const api = createCrmClient(createDispatcher(core.service));
    render(
      <CrmProvider session={{ api }}>
        <Contacts accountId="not-a-uuid" />
      </CrmProvider>,
    );
    await waitFor(() => expect(screen.getByText('error: ValidationError')).toBeInTheDocument());
  });
});
