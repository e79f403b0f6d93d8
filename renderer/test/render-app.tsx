import { act, render, screen, within, type RenderResult } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import {
  createCrmClient,
  createDispatcher,
  createSyncHandlers,
  withSync,
  type CrmApi,
} from '../../shared/api';
import { openCrmCore, type CrmCore } from '../../shared/core';
import { REP } from '../../shared/core/test-support';
import type { Language } from '../../shared/i18n';
import type { SyncEngine } from '../../shared/sync/types';
import { App } from '../app/App';
import { AppProviders } from '../app/AppProviders';
import { createI18n } from '../i18n/i18n';

// The same rep as the core's fixtures, so records written there are this person's.
export { REP };

let databases = 0;

/** A clock the test can move: the core stamps records with it, so "days in stage" is exact. */
export function testClock(start = Date.now()) {
  let time = start;
  return {
    now: () => time,
    set(at: number) {
      time = at;
    },
  };
}

export interface RenderedApp extends RenderResult {
  core: CrmCore;
  /** The app's API for seeding and checking; its calls run inside act(), as the live board re-renders. */
  api: CrmApi;
  user: UserEvent;
}

/**
 * The whole renderer on a real core: RxDB memory storage, the real dispatcher (which validates
 * every call as the Electron bridge does) and the real client. No mocks; sync, when a test asks
 * for it, is the engine the test passes (renderer tests use InMemorySyncEngine).
 */
export async function renderApp(
  options: {
    language?: Language;
    now?: () => number;
    currentUserId?: string;
    /** A sync engine behind the sync commands; without one the host has no sync, as in core tests. */
    sync?: SyncEngine;
  } = {},
): Promise<RenderedApp> {
  databases += 1;
  const core = await openCrmCore({
    storage: getRxStorageMemory(),
    databaseName: `renderer-${Date.now().toString(36)}-${databases}`,
    currentUser: REP,
    now: options.now,
  });
  const service = options.sync
    ? withSync(core.service, createSyncHandlers(options.sync))
    : core.service;
  const api = createCrmClient(createDispatcher(service));
  const i18n = createI18n(options.language ?? 'zh-CN');
  const user = userEvent.setup();
  const result = render(
    <AppProviders i18n={i18n}>
      <App session={{ api, currentUserId: options.currentUserId ?? REP.id }} />
    </AppProviders>,
  );
  await screen.findByRole('region', { name: i18n.t('stages.opportunity.qualify') });
  const seedingApi: CrmApi = {
    invoke: ((command, args) => act(() => api.invoke(command, args))) as CrmApi['invoke'],
    subscribe: api.subscribe,
  };
  return { ...result, core, api: seedingApi, user };
}

/** A stage column, found the way a screen reader finds it: the region named after the stage. */
export function column(stage: string): HTMLElement {
  return screen.getByRole('region', { name: stage });
}

/** The cards of a column, top to bottom, by their accessible names. */
export function cardsIn(stage: string): string[] {
  const list = within(column(stage)).getByRole('list', { name: `「${stage}」阶段的商机` });
  return within(list)
    .queryAllByRole('listitem')
    .filter((item) => item.parentElement === list) // not the checklist inside a card's alert
    .map((item) => item.getAttribute('aria-label') ?? '');
}

/** Seeds an account, a contact and opportunities through the API, as a person's earlier work. */
export async function seedAccount(
  api: CrmApi,
  name = '华东精密机械有限公司',
  contactName = '张伟',
) {
  const account = await api.invoke('accounts/create', { name });
  const contact = await api.invoke('contacts/create', { accountId: account.id, name: contactName });
  return { account, contact };
}
