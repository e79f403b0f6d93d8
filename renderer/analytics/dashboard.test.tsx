import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CrmCore } from '../../shared/core';
import { renderApp, seedAccount, testClock, type RenderedApp } from '../test/render-app';

const DAY = 86_400_000;
let core: CrmCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

/**
 * Three deals qualified in a day each, then stuck in Solution for ten days; a fourth lost after
 * a day. Solution is the bottleneck: median 10 days, 10× the next-longest stage, 3 waiting.
 */
async function seedStuckSolution(app: RenderedApp, clock: ReturnType<typeof testClock>) {
  const { account } = await seedAccount(app.api);
  const deals = [];
  for (const title of ['ERP 升级', 'MES 项目', 'WMS 实施', '数据平台']) {
    deals.push(await app.api.invoke('opportunities/create', { title, accountId: account.id }));
  }
  clock.set(clock.now() + DAY);
  for (const deal of deals.slice(0, 3)) {
    await app.api.invoke('opportunities/move', { id: deal.id, to: 'solution' });
  }
  await app.api.invoke('opportunities/move', {
    id: deals[3]!.id,
    to: 'lost',
    lostReason: '预算取消',
  });
  clock.set(clock.now() + 10 * DAY);
}

async function choose(app: RenderedApp, field: RegExp, option: string) {
  await app.user.click(screen.getByRole('combobox', { name: field }));
  await app.user.click(await screen.findByRole('option', { name: option }));
}

describe('flow analytics dashboard', () => {
  it('names the bottleneck in a sentence, shows the KPIs, and follows the period and pipeline filters', async () => {
    const clock = testClock(Date.now() - 11 * DAY);
    const app = await renderApp({ now: clock.now });
    core = app.core;
    await seedStuckSolution(app, clock);
    const pipeline = await app.api.invoke('pipelines/create', {
      name: '渠道销售',
      stages: [
        {
          key: 'channel',
          probability: 20,
          requiredFields: [],
          checklist: [],
          approvalRequired: false,
        },
      ],
      wonGate: { requiredFields: [], checklist: [], approvalRequired: false },
    });

    await app.user.click(screen.getByRole('button', { name: '流程分析' }));
    await screen.findByRole('heading', { name: '流程分析' });
    // The last twelve months hold the whole history whatever day the test runs on.
    await choose(app, /期间/, '近 12 个月');

    const findings = await screen.findByRole('region', { name: '瓶颈' });
    await waitFor(() =>
      expect(findings).toHaveTextContent(
        '商机在「方案」阶段的等待时间中位数为 10 天，是其他阶段的 10 倍；目前有 3 个在等待',
      ),
    );
    expect(within(findings).getByText('严重')).toBeInTheDocument();
    // One deal decided, and lost: a 0% win rate, with its count.
    expect(screen.getByText('赢率').parentElement).toHaveTextContent('0%');
    expect(screen.getByText('赢单 0 · 输单 1')).toBeInTheDocument();
    // Every chart card offers both exports.
    expect(
      screen.getByRole('button', { name: '导出 CSV: 阶段停留时长 · 商机' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '导出 PNG: 销售漏斗 · 商机' })).toBeInTheDocument();

    // The new pipeline has no deals: the query is asked again, and the screen says so.
    await choose(app, /销售流程/, pipeline.name);
    expect(
      await screen.findByText('所选期间和筛选条件下没有记录，试试更长的期间或其他负责人。'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: '瓶颈' })).not.toBeInTheDocument();

    // Back to all pipelines: the finding returns.
    await choose(app, /销售流程/, '全部销售流程');
    await waitFor(() =>
      expect(screen.getByRole('region', { name: '瓶颈' })).toHaveTextContent('「方案」'),
    );

    // A finding leads to its board, where the stuck deals are.
    const region = screen.getByRole('region', { name: '瓶颈' });
    await app.user.click(within(region).getAllByRole('button', { name: '查看看板' })[0]!);
    expect(await screen.findByTestId('opportunity-board')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '商机看板' })).toHaveAttribute(
      'aria-current',
      'page',
    );
  });

  it('speaks English, with the same finding', async () => {
    const clock = testClock(Date.now() - 11 * DAY);
    const app = await renderApp({ now: clock.now, language: 'en' });
    core = app.core;
    await seedStuckSolution(app, clock);
    await app.user.click(screen.getByRole('button', { name: 'Flow analytics' }));
    await choose(app, /Period/, 'Last 12 months');
    const findings = await screen.findByRole('region', { name: 'Bottlenecks' });
    await waitFor(() =>
      expect(findings).toHaveTextContent(
        'Opportunities wait a median 10 days in Solution, 10× longer than any other stage; 3 are waiting now',
      ),
    );
  });
});
