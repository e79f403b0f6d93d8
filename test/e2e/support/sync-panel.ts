import type { Locator, Page } from 'playwright-core';

/** The sync control in the app bar, by its accessible name (zh-CN). */
export const syncControl = (page: Page, name: RegExp): Locator =>
  page.getByRole('banner').getByRole('button', { name });

/** "Sync now" from the sync panel, as a person does after reconnecting, then the panel closed. */
export async function syncFromPanel(page: Page): Promise<void> {
  await syncControl(page, /^同步状态：/).click();
  const panel = page.getByRole('dialog', { name: '同步' });
  await panel.getByRole('tab', { name: /^概览/ }).click();
  await panel.getByRole('button', { name: '立即同步' }).click();
  // By text: while the drawer is open the page behind it, the notice included, is aria-hidden.
  await page.getByText('已与服务器同步', { exact: true }).waitFor();
  await panel.getByRole('button', { name: '关闭同步面板' }).click();
  await panel.waitFor({ state: 'detached' });
  // Closed by hand, so it shows in no later screenshot.
  const notice = page.getByRole('alert').filter({ hasText: '已与服务器同步' });
  await notice.getByRole('button', { name: '关闭' }).click();
  await notice.waitFor({ state: 'detached' });
}

/** Signs in through the app bar's sign-in dialog (zh-CN), as a person does. */
export async function signInThroughDialog(
  page: Page,
  sign: { serverUrl: string; firmCode: string; username: string; password: string },
): Promise<void> {
  await syncControl(page, /^同步状态：登录同步/).click();
  const dialog = page.getByRole('dialog', { name: '登录同步服务器' });
  await dialog.getByLabel('服务器地址').fill(sign.serverUrl);
  await dialog.getByLabel('企业代码').fill(sign.firmCode);
  await dialog.getByLabel('用户名').fill(sign.username);
  await dialog.getByLabel('密码').fill(sign.password);
  await dialog.getByRole('button', { name: '登录', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}

/** Synced, with nothing waiting, no problem and no conflict (the control's whole name, zh-CN). */
export const SYNCED_ZH = /^同步状态：已同步 \d{1,2}:\d{2}。打开同步面板$/;
