import { describe, expect, it } from 'vitest';
import { milestoneProgress, missingForDeliveryMove } from './delivery';
import type { Delivery } from './entities';

function delivery(fields: Partial<Delivery> = {}): Delivery {
  return {
    id: 'd1',
    createdAt: 0,
    updatedAt: 0,
    ownerId: 'u',
    ownerName: 'U',
    archived: false,
    title: '产线改造',
    contractId: 'c1',
    stage: 'inProgress',
    stageEnteredAt: 0,
    ...fields,
  };
}

const steps = [
  { id: 'm1', name: '发货', doneOn: '2026-03-01' },
  { id: 'm2', name: '安装调试' },
];

describe('delivery gates', () => {
  it('Delivered needs every milestone done; none to do is nothing missing', () => {
    expect(missingForDeliveryMove(delivery({ milestones: steps }), 'delivered')).toEqual([
      'milestonesDone',
    ]);
    expect(missingForDeliveryMove(delivery(), 'delivered')).toEqual([]);
    const done = steps.map((m) => ({ ...m, doneOn: '2026-03-05' }));
    expect(missingForDeliveryMove(delivery({ milestones: done }), 'delivered')).toEqual([]);
    // Skipping from Planned to Delivered still checks the milestones.
    expect(
      missingForDeliveryMove(delivery({ stage: 'planned', milestones: steps }), 'delivered'),
    ).toEqual(['milestonesDone']);
  });

  it('Accepted needs the acceptance date and every milestone done', () => {
    const delivered = delivery({ stage: 'delivered', milestones: steps });
    expect(missingForDeliveryMove(delivered, 'accepted')).toEqual(['milestonesDone', 'acceptedOn']);
    expect(
      missingForDeliveryMove(
        { ...delivered, milestones: [], acceptedOn: '2026-03-10' },
        'accepted',
      ),
    ).toEqual([]);
  });

  it('counts milestone progress', () => {
    expect(milestoneProgress(delivery({ milestones: steps }))).toEqual({ done: 1, total: 2 });
    expect(milestoneProgress(delivery())).toEqual({ done: 0, total: 0 });
  });
});
