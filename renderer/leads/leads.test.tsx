import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CrmCore } from '../../shared/core';
import { renderApp, type RenderedApp } from '../test/render-app';

let core: CrmCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

async function leadsBoard(): Promise<RenderedApp> {
  const app = await renderApp();
  core = app.core;
  await app.user.click(screen.getByRole('button', { name: '线索看板' }));
  await screen.findByRole('region', { name: '新线索' });
  return app;
}

/** The companies on the cards of a lead column, top to bottom. */
function leadsIn(stage: string): string[] {
  const list = within(screen.getByRole('region', { name: stage })).getByRole('list', {
    name: `「${stage}」阶段的线索`,
  });
  return within(list)
    .queryAllByRole('listitem')
    .filter((item) => item.parentElement === list)
    .map((item) => item.getAttribute('aria-label') ?? '');
}

async function menuAction(app: RenderedApp, company: string, item: string | RegExp) {
  await app.user.click(screen.getByRole('button', { name: `「${company}」的操作` }));
  await app.user.click(screen.getByRole('menuitem', { name: item }));
}

describe('leads board', () => {
  it('captures a lead, scores it hot, converts it, and the opportunity is on the opportunity board', async () => {
    const app = await leadsBoard();
    expect(
      within(screen.getByTestId('leads-board'))
        .getAllByRole('region')
        .map((r) => within(r).getByRole('heading').textContent),
    ).toEqual(['新线索', '已联系', '合格', '已转化', '无效']);

    // Capture: company, contact and phone, Enter-fast.
    await app.user.click(screen.getByRole('button', { name: '新建线索' }));
    const capture = screen.getByRole('dialog', { name: '新建线索' });
    await app.user.click(within(capture).getByRole('textbox', { name: /公司名称/ }));
    await app.user.paste('苏州精工机械有限公司');
    await app.user.type(within(capture).getByRole('textbox', { name: '联系人' }), '陈静');
    await app.user.click(within(capture).getByRole('textbox', { name: '电话' }));
    await app.user.paste('13912345678');
    await app.user.click(within(capture).getByRole('button', { name: '创建' }));
    await waitFor(() => expect(leadsIn('新线索')).toEqual(['线索：苏州精工机械有限公司']));
    const card = () => screen.getByRole('listitem', { name: '线索：苏州精工机械有限公司' });
    expect(card()).toHaveTextContent('未评分');
    expect(
      within(screen.getByRole('region', { name: '新线索' })).getByLabelText('1 条线索'),
    ).toBeInTheDocument();

    // Score: every question must be answered; the unanswered one is named.
    await menuAction(app, '苏州精工机械有限公司', '评分…');
    const scorecard = screen.getByRole('dialog', { name: '线索评分：苏州精工机械有限公司' });
    const answer = (criterion: string, value: string) =>
      app.user.click(
        within(within(scorecard).getByRole('group', { name: criterion })).getByRole('button', {
          name: value,
        }),
      );
    await answer('预算', '是');
    await answer('决策人', '是');
    await answer('需求', '是');
    await app.user.click(within(scorecard).getByRole('button', { name: '保存评分' }));
    expect(within(scorecard).getByText('有 1 项需要修正')).toBeInTheDocument();
    expect(within(scorecard).getAllByText('请回答这一项')).toHaveLength(1);
    await answer('时间', '部分');
    expect(within(scorecard).getByTestId('scorecard-result')).toHaveTextContent('7/8 分');
    await app.user.click(within(scorecard).getByRole('button', { name: '保存评分' }));
    await waitFor(() => expect(card().querySelector('[data-grade="hot"]')).not.toBeNull());
    expect(within(card()).getByLabelText('评级：热（7/8 分）')).toBeInTheDocument();

    // Conversion leaves Qualified only: the rep qualifies the hot lead first.
    await menuAction(app, '苏州精工机械有限公司', '合格');
    await waitFor(() => expect(leadsIn('合格')).toEqual(['线索：苏州精工机械有限公司']));
    // Landed in its new column with the focus on it, for a keyboard user to go on from.
    await waitFor(() => expect(card()).toHaveFocus());

    await menuAction(app, '苏州精工机械有限公司', '转化为商机…');
    const convert = screen.getByRole('dialog', { name: '转化线索：苏州精工机械有限公司' });
    // Prefilled from the lead: nothing to retype.
    expect(within(convert).getByRole('textbox', { name: /商机名称/ })).toHaveValue(
      '苏州精工机械有限公司',
    );
    expect(within(convert).getByTestId('convert-summary')).toHaveTextContent(
      '客户：苏州精工机械有限公司（新建）联系人：陈静商机：进入「验证」阶段',
    );
    await app.user.type(within(convert).getByRole('textbox', { name: '金额' }), '880000');
    await app.user.click(within(convert).getByRole('button', { name: '转化' }));
    await waitFor(() => expect(leadsIn('已转化')).toEqual(['线索：苏州精工机械有限公司']));
    expect(card()).toHaveTextContent('已转为客户和商机');

    const lead = (await core!.database.leads.find().exec())[0]!.toJSON();
    const opportunity = (await core!.database.opportunities
      .findOne(lead.convertedOpportunityId!)
      .exec())!;
    expect(opportunity.toJSON()).toMatchObject({
      title: '苏州精工机械有限公司',
      accountId: lead.convertedAccountId,
      contactId: lead.convertedContactId,
      amount: { minor: 88_000_000, currency: 'CNY' },
    });

    await app.user.click(screen.getByRole('button', { name: '商机看板' }));
    const deal = await screen.findByRole('listitem', { name: '商机：苏州精工机械有限公司' });
    expect(
      within(screen.getByRole('region', { name: '验证' })).getByRole('listitem', {
        name: '商机：苏州精工机械有限公司',
      }),
    ).toBe(deal);
    expect(deal).toHaveTextContent('¥880,000.00');
  });

  it('offers conversion only for a qualified lead', async () => {
    const app = await leadsBoard();
    await app.api.invoke('leads/create', { company: '无锡华光电子' });
    await screen.findByRole('listitem', { name: '线索：无锡华光电子' });
    await app.user.click(screen.getByRole('button', { name: '「无锡华光电子」的操作' }));
    expect(screen.getByRole('menuitem', { name: '转化为商机…' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    await app.user.keyboard('{Escape}');
    expect(leadsIn('新线索')).toEqual(['线索：无锡华光电子']);
  });

  it('disqualifies only with a reason, naming the field when it is missing', async () => {
    const app = await leadsBoard();
    const lead = await app.api.invoke('leads/create', { company: '杭州云帆科技' });
    await screen.findByRole('listitem', { name: '线索：杭州云帆科技' });
    await menuAction(app, '杭州云帆科技', '无效');
    const dialog = screen.getByRole('dialog', { name: '标记为无效：杭州云帆科技' });
    await app.user.click(within(dialog).getByRole('button', { name: '标记无效' }));
    expect(within(dialog).getByText('请填写无效原因')).toBeInTheDocument();
    expect((await core!.database.leads.findOne(lead.id).exec())?.stage).toBe('new');
    await app.user.type(within(dialog).getByRole('textbox', { name: /无效原因/ }), '没有预算');
    await app.user.click(within(dialog).getByRole('button', { name: '标记无效' }));
    await waitFor(() => expect(leadsIn('无效')).toEqual(['线索：杭州云帆科技']));
    expect(screen.getByRole('listitem', { name: '线索：杭州云帆科技' })).toHaveTextContent(
      '无效原因：没有预算',
    );
  });

  it('warns about a look-alike customer while typing and opens it', async () => {
    const app = await leadsBoard();
    await app.api.invoke('accounts/create', { name: '华为技术有限公司', phone: '0755-28780808' });
    await app.user.click(screen.getByRole('button', { name: '新建线索' }));
    const capture = screen.getByRole('dialog', { name: '新建线索' });
    await app.user.type(within(capture).getByRole('textbox', { name: /公司名称/ }), ' 华为技术 ');
    const warning = await within(capture).findByRole('status');
    expect(warning).toHaveTextContent('可能已经存在');
    expect(warning).toHaveTextContent('客户 华为技术有限公司 — 公司名称相同');
    await app.user.click(within(warning).getByRole('button', { name: '打开 华为技术有限公司' }));
    const account = await screen.findByRole('dialog', { name: '编辑客户' });
    expect(within(account).getByRole('textbox', { name: /客户名称/ })).toHaveValue(
      '华为技术有限公司',
    );
    expect(screen.queryByRole('dialog', { name: '新建线索' })).toBeNull();
  });
});
