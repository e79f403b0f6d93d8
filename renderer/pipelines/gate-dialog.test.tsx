import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CrmCore } from '../../shared/core';
import { cardsIn, renderApp, seedAccount } from '../test/render-app';

let core: CrmCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

async function boardWithOne(title: string) {
  const app = await renderApp();
  core = app.core;
  const seeded = await seedAccount(app.api);
  const opportunity = await app.api.invoke('opportunities/create', {
    title,
    accountId: seeded.account.id,
  });
  await screen.findByRole('listitem', { name: `商机：${title}` });
  const moveWithMenu = async (stage: string) => {
    await app.user.click(screen.getByRole('button', { name: `将「${title}」移动到` }));
    await app.user.click(screen.getByRole('menuitem', { name: stage }));
  };
  const events = () =>
    app.core.database.stageevents.find({ selector: { recordId: opportunity.id } }).exec();
  return { app, opportunity, moveWithMenu, events };
}

describe('gate dialog', () => {
  // A long user journey on a shared, slow CI machine: give it room.
  it(
    'lists what the gate asks, keeps the card in place until everything is met, then moves it',
    { timeout: 120_000 },
    async () => {
      const { app, opportunity, moveWithMenu, events } = await boardWithOne('年度维保合同');

      await moveWithMenu('投标报价');
      let gate = await screen.findByRole('dialog', { name: '移到「投标报价」' });
      const fields = within(gate).getAllByTestId(/^gate-field-/);
      expect(fields.map((f) => [f.textContent, f.dataset.met])).toEqual([
        ['金额未填写', 'false'],
        ['预计成交日期未填写', 'false'],
        ['联系人未填写', 'false'],
      ]);
      expect(within(gate).getByTestId('approval-proposal')).toHaveTextContent('尚未申请审批');
      expect(within(gate).getByRole('status')).toHaveTextContent(
        '还有 4 项未满足，商机留在原阶段。',
      );
      expect(within(gate).getByRole('button', { name: '确认移动' })).toBeDisabled();

      // Cancel: nothing moved, nothing written.
      await app.user.click(within(gate).getByRole('button', { name: '取消' }));
      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
      expect(cardsIn('验证')).toEqual(['商机：年度维保合同']);
      expect(await events()).toHaveLength(1);

      // Fill in from the gate: the form opens on top, and the gate follows the saved card.
      await moveWithMenu('投标报价');
      gate = await screen.findByRole('dialog', { name: '移到「投标报价」' });
      await app.user.click(within(gate).getByRole('button', { name: '去填写' }));
      const form = await screen.findByRole('dialog', { name: '编辑商机' });
      expect(within(form).getAllByText('进入「投标报价」需要填写')).toHaveLength(3);
      await app.user.type(within(form).getByRole('textbox', { name: '金额' }), '50000');
      await app.user.type(within(form).getByLabelText('预计成交日期'), '2027-06-30');
      await app.user.click(within(form).getByRole('combobox', { name: '联系人' }));
      await app.user.click(await screen.findByRole('option', { name: '张伟' }));
      await app.user.click(within(form).getByRole('button', { name: '保存' }));
      await waitFor(() =>
        expect(screen.queryByRole('dialog', { name: '编辑商机' })).not.toBeInTheDocument(),
      );
      await waitFor(() =>
        expect(within(gate).getByTestId('gate-field-amount').dataset.met).toBe('true'),
      );
      expect(within(gate).getByRole('status')).toHaveTextContent('还有 1 项未满足');
      // Saving the fields did not move the card: the gate still waits for the approval.
      expect((await app.core.database.opportunities.findOne(opportunity.id).exec())?.stage).toBe(
        'qualify',
      );

      // Nobody is signed in: the single local user approves their own bid.
      await app.user.click(within(gate).getByRole('button', { name: '批准' }));
      await waitFor(() =>
        expect(within(gate).getByTestId('approval-proposal').dataset.status).toBe('approved'),
      );
      expect(within(gate).getByTestId('approval-proposal')).toHaveTextContent('王小明 已于');
      await app.user.click(within(gate).getByRole('button', { name: '确认移动' }));

      await waitFor(() => expect(cardsIn('投标报价')).toEqual(['商机：年度维保合同']));
      const move = (await events()).map((e) => e.toJSON()).find((e) => e.to === 'proposal');
      expect(move?.approvals).toEqual([
        expect.objectContaining({ stage: 'proposal', by: 'user-wang', byName: '王小明' }),
      ]);
      expect(
        (await app.core.database.opportunities.findOne(opportunity.id).exec())?.approvals,
      ).toBeUndefined();
    },
  );

  it('asks for the checklist of a pipeline’s own stage, and a card awaiting approval shows a chip', async () => {
    const app = await renderApp();
    core = app.core;
    const { account } = await seedAccount(app.api);
    const line = await app.api.invoke('pipelines/create', {
      name: '软件项目',
      stages: [
        {
          key: 'sLead',
          name: '初步接触',
          probability: 10,
          requiredFields: [],
          checklist: [],
          approvalRequired: false,
        },
        {
          key: 'sPoc',
          name: 'POC 测试',
          probability: 40,
          requiredFields: [],
          checklist: [{ id: 'cEnv', label: '测试环境已就绪' }],
          approvalRequired: true,
        },
      ],
      wonGate: { requiredFields: [], checklist: [], approvalRequired: false },
    });
    const deal = await app.api.invoke('opportunities/create', {
      title: 'MES 试点',
      accountId: account.id,
      pipelineId: line.id,
    });
    await app.api.invoke('opportunities/requestApproval', { id: deal.id, stage: 'sPoc' });

    await app.user.click(await screen.findByRole('tab', { name: '软件项目' }));
    const card = await screen.findByRole('listitem', { name: '商机：MES 试点' });
    expect(within(card).getByTestId('approval-chip')).toHaveTextContent('待审批：POC 测试');
    expect(
      screen.getAllByRole('region').map((r) => within(r).getByRole('heading').textContent),
    ).toEqual(['初步接触', 'POC 测试', '赢单', '输单']);

    await app.user.click(within(card).getByRole('button', { name: '将「MES 试点」移动到' }));
    await app.user.click(screen.getByRole('menuitem', { name: /POC 测试/ }));
    const gate = await screen.findByRole('dialog', { name: '移到「POC 测试」' });
    expect(within(gate).getByTestId('approval-sPoc')).toHaveTextContent('王小明 于');
    await app.user.click(within(gate).getByRole('button', { name: '批准' }));
    await waitFor(() =>
      expect(within(gate).getByTestId('approval-sPoc').dataset.status).toBe('approved'),
    );
    expect(within(gate).getByRole('button', { name: '确认移动' })).toBeDisabled();
    await app.user.click(within(gate).getByRole('checkbox', { name: '测试环境已就绪' }));
    await app.user.click(within(gate).getByRole('button', { name: '确认移动' }));
    await waitFor(() => expect(cardsIn('POC 测试')).toEqual(['商机：MES 试点']));
    const events = await app.core.database.stageevents
      .find({ selector: { recordId: deal.id } })
      .exec();
    expect(events.map((e) => e.toJSON()).find((e) => e.to === 'sPoc')).toMatchObject({
      checklist: [{ id: 'cEnv', label: '测试环境已就绪' }],
      approvals: [expect.objectContaining({ stage: 'sPoc' })],
    });
  });
});
