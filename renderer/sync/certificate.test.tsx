import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import type { CrmCore } from '../../shared/core';
import { InMemorySyncEngine, firmAccount } from '../test/in-memory-sync-engine';
import { REP, renderApp } from '../test/render-app';

let core: CrmCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

const pairs = (byte: string) => Array(32).fill(byte).join(':');
const FIRST = pairs('A1');
const SECOND = pairs('B2');
const SERVER = 'https://192.168.1.10:8787';

async function signInDialog(sync: InMemorySyncEngine, language: 'zh-CN' | 'en') {
  sync.signInAnswer = firmAccount(REP, 'wang', SERVER);
  const app = await renderApp({ sync, language });
  core = app.core;
  const zh = language === 'zh-CN';
  await app.user.click(
    within(screen.getByRole('banner')).getByRole('button', {
      name: zh ? /同步状态：登录同步/ : /Sign in to sync/,
    }),
  );
  const dialog = await screen.findByRole('dialog');
  await app.user.type(
    within(dialog).getByRole('textbox', { name: zh ? '服务器地址' : 'Server address' }),
    SERVER,
  );
  await app.user.type(
    within(dialog).getByRole('textbox', { name: zh ? '用户名' : 'Username' }),
    'wang',
  );
  await app.user.type(within(dialog).getByLabelText(zh ? /密码/ : /Password/), 'right password');
  await app.user.click(within(dialog).getByRole('button', { name: zh ? '登录' : 'Sign in' }));
  return { app, dialog };
}

/** The fingerprint as shown: two lines of 16 pairs, under its label. */
const shown = (label: string) => screen.getByLabelText(label).textContent;
const lines = (fingerprint: string) => fingerprint.slice(0, 47) + fingerprint.slice(48);

it('shows the fingerprint to compare at the first sign-in, and trusts it only on a click (zh-CN)', async () => {
  const sync = new InMemorySyncEngine();
  sync.certificate = { presented: FIRST };
  const { app } = await signInDialog(sync, 'zh-CN');

  const step = await screen.findByRole('dialog', { name: '核对服务器证书' });
  expect(
    within(step).getByText(/这是这台电脑第一次登录 https:\/\/192\.168\.1\.10:8787/),
  ).toBeInTheDocument();
  expect(shown('SHA-256 指纹')).toBe(lines(FIRST));
  // The first try sent no fingerprint, so nothing was trusted yet.
  expect(sync.calls).toHaveLength(1);
  expect(sync.calls[0]?.args).not.toHaveProperty('trustFingerprint');

  await app.user.click(within(step).getByRole('button', { name: '指纹一致，信任并登录' }));
  await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  expect(sync.calls[1]?.args).toMatchObject({ serverUrl: SERVER, trustFingerprint: FIRST });
  expect(sync.certificate.pinned).toBe(FIRST);
});

it('warns of a changed certificate with both fingerprints, goes back keeping what was typed, and re-trusts (en)', async () => {
  const sync = new InMemorySyncEngine();
  sync.certificate = { presented: SECOND, pinned: FIRST };
  const { app } = await signInDialog(sync, 'en');

  const step = await screen.findByRole('dialog', { name: 'The server’s certificate has changed' });
  expect(within(step).getByRole('alert')).toHaveTextContent(
    /presents a different certificate from the one this computer trusts, so nothing was sent/,
  );
  expect(shown('Trusted until now')).toBe(lines(FIRST));
  expect(shown('Presented now')).toBe(lines(SECOND));

  await app.user.click(within(step).getByRole('button', { name: 'Back' }));
  const form = await screen.findByRole('dialog', { name: 'Sign in to the sync server' });
  expect(within(form).getByRole('textbox', { name: 'Username' })).toHaveValue('wang');
  await app.user.click(within(form).getByRole('button', { name: 'Sign in' }));
  const again = await screen.findByRole('dialog', { name: 'The server’s certificate has changed' });
  expect(sync.calls.map((call) => call.args)).not.toContainEqual(
    expect.objectContaining({ trustFingerprint: expect.any(String) }),
  );

  await app.user.click(
    within(again).getByRole('button', {
      name: 'Admin confirmed it — trust and sign in',
    }),
  );
  await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  expect(sync.calls.at(-1)?.args).toMatchObject({ trustFingerprint: SECOND });
  expect(sync.certificate.pinned).toBe(SECOND);
});
