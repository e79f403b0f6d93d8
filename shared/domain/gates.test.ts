import { describe, expect, it } from 'vitest';
import type { Opportunity } from './entities';
import { missingForOpportunityMove } from './gates';

function deal(overrides: Partial<Opportunity> = {}): Opportunity {
  return {
    id: '01900000-0000-7000-8000-000000000001',
    createdAt: 0,
    updatedAt: 0,
    ownerId: 'u1',
    ownerName: 'Wang',
    archived: false,
    title: 'ERP',
    accountId: '01900000-0000-7000-8000-000000000002',
    pipelineId: 'default',
    stage: 'qualify',
    stageEnteredAt: 0,
    stageOrder: 0,
    probability: 10,
    ...overrides,
  };
}

const complete = {
  amount: { minor: 100_00, currency: 'CNY' },
  expectedClose: '2026-06-30',
  contactId: '01900000-0000-7000-8000-000000000003',
};

describe('opportunity gates', () => {
  it('lets a bare opportunity into Solution: the first gate is at Proposal', () => {
    expect(missingForOpportunityMove(deal(), 'solution')).toEqual([]);
  });

  it('asks for amount, expected close and contact before Proposal', () => {
    expect(missingForOpportunityMove(deal({ stage: 'solution' }), 'proposal')).toEqual([
      'amount',
      'expectedClose',
      'contactId',
    ]);
    expect(missingForOpportunityMove(deal({ stage: 'solution', ...complete }), 'proposal')).toEqual(
      [],
    );
  });

  it('does not count a zero amount as an amount', () => {
    expect(
      missingForOpportunityMove(
        deal({ ...complete, stage: 'solution', amount: { minor: 0, currency: 'CNY' } }),
        'proposal',
      ),
    ).toEqual(['amount']);
  });

  it('is cumulative: skipping from Qualify to Negotiation still needs what Proposal needs, once', () => {
    expect(
      missingForOpportunityMove(deal({ contactId: complete.contactId }), 'negotiation'),
    ).toEqual(['amount', 'expectedClose']);
    expect(missingForOpportunityMove(deal(complete), 'negotiation')).toEqual([]);
  });

  it('asks the Won gate of a deal in Negotiation', () => {
    expect(missingForOpportunityMove(deal({ stage: 'negotiation' }), 'won')).toEqual([
      'amount',
      'expectedClose',
      'contactId',
    ]);
  });

  it('needs a non-blank lost reason for Lost, and only that', () => {
    expect(missingForOpportunityMove(deal(), 'lost')).toEqual(['lostReason']);
    expect(missingForOpportunityMove(deal({ lostReason: '   ' }), 'lost')).toEqual(['lostReason']);
    expect(missingForOpportunityMove(deal({ lostReason: '价格太高' }), 'lost')).toEqual([]);
  });
});
