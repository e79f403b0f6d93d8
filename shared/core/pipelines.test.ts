import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpportunityBoard } from '../api/queries';
import type { Account, Contact } from '../domain/entities';
import type { PipelineStage } from '../domain/pipelines';
import type { CrmCore } from './index';
import { LiveResults, openSalesFixture, type SalesFixture } from './test-support';

let core: CrmCore;
let clock: SalesFixture['clock'];
let account: Account;
let contact: Contact;
beforeEach(async () => {
  ({ core, clock, account, contact } = await openSalesFixture());
});
afterEach(() => core.close());

const run = () => core.service.commands;
const noGate = { requiredFields: [], checklist: [], approvalRequired: false };
const stage = (key: string, name: string, probability: number): PipelineStage => ({
  key,
  name,
  probability,
  ...noGate,
});
const cny = (minor: number) => ({ minor, currency: 'CNY' });

function createHardware() {
  return run()['pipelines/create']({
    name: '硬件设备',
    stages: [stage('sDemand', '需求确认', 20), stage('sPlan', '供货方案', 60)],
    wonGate: noGate,
  });
}

const column = (board: OpportunityBoard, key: string) =>
  board.columns.find((c) => c.stage === key)!;

describe('pipelines', () => {
  it('lists the built-in pipeline first, then the firm’s own, without archived ones', async () => {
    const list = new LiveResults(core, 'pipelines/list', {});
    expect((await list.until(() => true)).map((p) => p.id)).toEqual(['default']);
    const hardware = await createHardware();
    clock.advance(1000);
    const services = await run()['pipelines/create']({
      name: '运维服务',
      stages: [stage('sScope', '范围', 30)],
      wonGate: noGate,
    });
    await list.until((l) => l.length === 3);
    expect(list.latest!.map((p) => p.name)).toEqual(['', '硬件设备', '运维服务']);
    await run()['pipelines/archive']({ id: services.id });
    await list.until((l) => l.length === 2);
    expect(list.latest!.map((p) => p.id)).toEqual(['default', hardware.id]);
    list.unsubscribe();
  });

  it('runs deals through the pipeline’s own stages with its probabilities, in the board totals', async () => {
    const hardware = await createHardware();
    const deal = await run()['opportunities/create']({
      title: '服务器 50 台',
      accountId: account.id,
      contactId: contact.id,
      amount: cny(1_000_000_00),
      pipelineId: hardware.id,
    });
    expect(deal).toMatchObject({
      pipelineId: hardware.id,
      stage: 'sDemand',
      stageOrder: 0,
      probability: 20,
    });
    const board = new LiveResults(core, 'board/opportunities', { pipelineId: hardware.id });
    let latest = await board.until((b) => column(b, 'sDemand').count === 1);
    expect(latest.columns.map((c) => [c.stage, c.name, c.probability, c.terminal])).toEqual([
      ['sDemand', '需求确认', 20, false],
      ['sPlan', '供货方案', 60, false],
      ['won', undefined, 100, true],
      ['lost', undefined, 0, true],
    ]);
    expect(column(latest, 'sDemand').weighted).toEqual([cny(200_000_00)]);

    clock.advance(1000);
    const moved = await run()['opportunities/move']({ id: deal.id, to: 'sPlan' });
    expect(moved).toMatchObject({ stage: 'sPlan', stageOrder: 1, probability: 60 });
    latest = await board.until((b) => column(b, 'sPlan').count === 1);
    expect(column(latest, 'sPlan').weighted).toEqual([cny(600_000_00)]);
    // The built-in board does not show it.
    const builtIn = new LiveResults(core, 'board/opportunities', {});
    expect((await builtIn.until(() => true)).columns.every((c) => c.count === 0)).toBe(true);
    await expect(
      run()['opportunities/move']({ id: deal.id, to: 'proposal' }),
    ).rejects.toMatchObject({ data: { type: 'ValidationError', fields: [{ field: 'to' }] } });
    board.unsubscribe();
    builtIn.unsubscribe();
  });

  it('re-stamps card order when stages are reordered, and keeps stages with open deals', async () => {
    const hardware = await createHardware();
    const deal = await run()['opportunities/create']({
      title: '交换机',
      accountId: account.id,
      pipelineId: hardware.id,
    });
    const reordered = await run()['pipelines/update']({
      id: hardware.id,
      patch: { stages: [stage('sPlan', '供货方案', 60), stage('sDemand', '需求', 25)] },
    });
    expect(reordered.stages.map((s) => s.key)).toEqual(['sPlan', 'sDemand']);
    expect((await core.database.opportunities.findOne(deal.id).exec())?.stageOrder).toBe(1);

    const before = await core.database.pipelines.findOne(hardware.id).exec();
    await expect(
      run()['pipelines/update']({
        id: hardware.id,
        patch: { stages: [stage('sPlan', '供货方案', 60)] },
      }),
    ).rejects.toMatchObject({ data: { type: 'ValidationError', fields: [{ field: 'stages' }] } });
    expect((await core.database.pipelines.findOne(hardware.id).exec())?.toJSON()).toEqual(
      before?.toJSON(),
    );
  });

  it('refuses duplicate and reserved stage keys, naming the field', async () => {
    await expect(
      run()['pipelines/create']({
        name: 'X',
        stages: [stage('a', 'A', 10), stage('a', 'B', 20), stage('won', 'C', 30)],
        wonGate: noGate,
      }),
    ).rejects.toMatchObject({
      data: {
        type: 'ValidationError',
        fields: [
          { field: 'stages.1.key', code: 'taken' },
          { field: 'stages.2.key', code: 'taken' },
        ],
      },
    });
    expect(await core.database.pipelines.count().exec()).toBe(0);
  });

  it('saves edits of the built-in pipeline under its id, and never archives it', async () => {
    const edited = await run()['pipelines/update']({
      id: 'default',
      patch: { name: '项目型销售' },
    });
    expect(edited).toMatchObject({ id: 'default', name: '项目型销售' });
    expect(edited.stages.map((s) => s.key)).toEqual([
      'qualify',
      'solution',
      'proposal',
      'negotiation',
    ]);
    await expect(run()['pipelines/archive']({ id: 'default' })).rejects.toMatchObject({
      data: { type: 'ValidationError' },
    });
  });

  it('lets only managers and admins change pipelines once someone is signed in', async () => {
    core.setCurrentUser({ id: 'rep-1', name: '王小明', role: 'rep' });
    await expect(createHardware()).rejects.toMatchObject({
      data: { type: 'Forbidden', action: 'configurePipelines' },
    });
    expect(await core.database.pipelines.count().exec()).toBe(0);
    core.setCurrentUser({ id: 'mgr-1', name: '李经理', role: 'manager' });
    await expect(createHardware()).resolves.toMatchObject({ ownerId: 'mgr-1' });
  });

  it('creates deals only in an active pipeline', async () => {
    const hardware = await createHardware();
    await run()['pipelines/archive']({ id: hardware.id });
    for (const pipelineId of [hardware.id, 'nope']) {
      await expect(
        run()['opportunities/create']({ title: 'X', accountId: account.id, pipelineId }),
      ).rejects.toMatchObject({
        data: { type: 'ValidationError', fields: [{ field: 'pipelineId' }] },
      });
    }
  });
});
