import { describe, expect, it } from 'vitest';
import type { Opportunity } from './entities';
import { evaluateGate, hasGate, stagesPassed } from './gates';
import {
  checkPipelineTransition,
  defaultPipeline,
  pipelineStageKeys,
  pipelineStages,
  stageProbability,
  type Pipeline,
} from './pipelines';
import { OPPORTUNITY_PROBABILITY, OPPORTUNITY_STAGES } from './phases';

const gate = { requiredFields: [], checklist: [], approvalRequired: false };
/** A hardware line: two open stages, a checklist before Delivery plan, approval before Won. */
const hardware: Pick<Pipeline, 'stages' | 'wonGate'> = {
  stages: [
    { key: 'sDemand', name: '需求确认', probability: 20, ...gate },
    {
      key: 'sPlan',
      name: '供货方案',
      probability: 60,
      ...gate,
      requiredFields: ['amount', 'description'],
      checklist: [
        { id: 'cStock', label: '库存已确认' },
        { id: 'cPrice', label: '价格已核算' },
      ],
    },
  ],
  wonGate: { ...gate, approvalRequired: true },
};

function deal(overrides: Partial<Opportunity> = {}): Opportunity {
  return {
    id: '01900000-0000-7000-8000-000000000001',
    createdAt: 0,
    updatedAt: 0,
    ownerId: 'u1',
    ownerName: 'Wang',
    archived: false,
    title: 'Servers',
    accountId: '01900000-0000-7000-8000-000000000002',
    pipelineId: 'p1',
    stage: 'sDemand',
    stageEnteredAt: 0,
    stageOrder: 0,
    probability: 20,
    ...overrides,
  };
}

describe('pipelines', () => {
  it('the built-in pipeline is today’s six stages with their probabilities', () => {
    const builtIn = defaultPipeline();
    expect(pipelineStageKeys(builtIn)).toEqual([...OPPORTUNITY_STAGES]);
    for (const stage of OPPORTUNITY_STAGES) {
      expect(stageProbability(builtIn, stage)).toBe(OPPORTUNITY_PROBABILITY[stage]);
    }
    const approvals = pipelineStages(builtIn).filter((s) => s.approvalRequired);
    expect(approvals.map((s) => s.key)).toEqual(['proposal', 'won']);
  });

  it('puts Won and Lost after a pipeline’s own stages, with their order', () => {
    expect(
      pipelineStages(hardware).map((s) => [s.key, s.order, s.probability, s.terminal]),
    ).toEqual([
      ['sDemand', 0, 20, false],
      ['sPlan', 1, 60, false],
      ['won', 2, 100, true],
      ['lost', 3, 0, true],
    ]);
    expect(stageProbability(hardware, 'proposal')).toBeUndefined();
  });

  it('applies the transition rules to the pipeline’s own stages', () => {
    expect(checkPipelineTransition(hardware, 'sDemand', 'sPlan')).toEqual({ allowed: true });
    expect(checkPipelineTransition(hardware, 'sPlan', 'sDemand')).toEqual({ allowed: true });
    expect(checkPipelineTransition(hardware, 'sDemand', 'won')).toEqual({
      allowed: false,
      reason: 'notAdjacentTerminal',
      expected: 'sPlan',
    });
    expect(checkPipelineTransition(hardware, 'sPlan', 'won')).toEqual({ allowed: true });
    expect(checkPipelineTransition(hardware, 'sDemand', 'lost')).toEqual({ allowed: true });
    expect(checkPipelineTransition(hardware, 'lost', 'sPlan')).toMatchObject({
      reason: 'fromTerminal',
      expected: 'sDemand',
    });
    expect(checkPipelineTransition(hardware, 'lost', 'sDemand')).toEqual({ allowed: true });
    expect(checkPipelineTransition(hardware, 'won', 'sDemand')).toMatchObject({ allowed: false });
    expect(checkPipelineTransition(hardware, 'sDemand', 'proposal')).toMatchObject({
      reason: 'unknownStage',
    });
  });
});

describe('gates of a pipeline', () => {
  it('asks for the fields, the checklist and the approvals of every stage passed', () => {
    expect(stagesPassed(hardware, 'sDemand', 'sPlan').map((s) => s.key)).toEqual(['sPlan']);
    const report = evaluateGate(hardware, deal(), 'sPlan');
    expect(report.met).toBe(false);
    expect(report.missingFields).toEqual(['amount', 'description']);
    expect(report.uncheckedItems.map((i) => i.id)).toEqual(['cStock', 'cPrice']);
    expect(report.missingApprovals).toEqual([]);
    expect(hasGate(hardware, 'sDemand', 'sPlan')).toBe(true);
    expect(hasGate(hardware, 'sPlan', 'sDemand')).toBe(false);
  });

  it('is met when the fields are filled and every item is ticked', () => {
    const filled = deal({ amount: { minor: 1, currency: 'CNY' }, description: '50 台' });
    expect(evaluateGate(hardware, filled, 'sPlan', ['cStock']).uncheckedItems).toEqual([
      { id: 'cPrice', label: '价格已核算', stage: 'sPlan' },
    ]);
    expect(evaluateGate(hardware, filled, 'sPlan', ['cStock', 'cPrice']).met).toBe(true);
  });

  it('needs an approval given, not only asked for', () => {
    const at = deal({ stage: 'sPlan' });
    expect(evaluateGate(hardware, at, 'won').missingApprovals).toEqual(['won']);
    const asked = deal({ stage: 'sPlan', approvals: [{ stage: 'won', status: 'requested' }] });
    expect(evaluateGate(hardware, asked, 'won').missingApprovals).toEqual(['won']);
    const refused = deal({ stage: 'sPlan', approvals: [{ stage: 'won', status: 'rejected' }] });
    expect(evaluateGate(hardware, refused, 'won').met).toBe(false);
    const approved = deal({
      stage: 'sPlan',
      approvals: [{ stage: 'won', status: 'approved', by: 'm1', byName: '李经理', at: 5 }],
    });
    expect(evaluateGate(hardware, approved, 'won').met).toBe(true);
  });

  it('skipping forward still passes the gates in between; Lost asks only for its reason', () => {
    const builtIn = defaultPipeline();
    const bare = deal({ pipelineId: 'default', stage: 'qualify' });
    const skip = evaluateGate(builtIn, bare, 'negotiation');
    expect(skip.missingFields).toEqual(['amount', 'expectedClose', 'contactId']);
    expect(skip.missingApprovals).toEqual(['proposal']);
    expect(evaluateGate(builtIn, bare, 'lost').missingFields).toEqual(['lostReason']);
    expect(evaluateGate(builtIn, { ...bare, lostReason: '预算取消' }, 'lost').met).toBe(true);
  });
});
