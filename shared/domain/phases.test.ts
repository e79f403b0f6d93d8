import { describe, expect, it } from 'vitest';
import {
  OPPORTUNITY_PROBABILITY,
  OPPORTUNITY_STAGES,
  PHASE_DEFINITIONS,
  PHASES,
  checkTransition,
  isStageOf,
  isTerminal,
  openStages,
  stagesEntered,
} from './phases';

describe('phase definitions', () => {
  it('every phase lists terminal, reopen, exit-anywhere and system-only stages among its own stages', () => {
    for (const phase of PHASES) {
      const def = PHASE_DEFINITIONS[phase];
      const stages: readonly string[] = def.stages;
      expect(def.phase).toBe(phase);
      for (const s of [...def.terminal, ...def.exitAnywhere, ...def.systemOnly])
        expect(stages).toContain(s);
      for (const [from, to] of Object.entries(def.reopen)) {
        expect(def.terminal as readonly string[]).toContain(from);
        expect(stages).toContain(to);
      }
      expect(openStages(phase).length + def.terminal.length).toBe(stages.length);
    }
  });

  it('gives every opportunity stage a probability rising to 100 for won and 0 for lost', () => {
    expect(OPPORTUNITY_STAGES.map((s) => OPPORTUNITY_PROBABILITY[s])).toEqual([
      10, 25, 50, 75, 100, 0,
    ]);
    expect(isTerminal('opportunity', 'won')).toBe(true);
    expect(isTerminal('opportunity', 'negotiation')).toBe(false);
    expect(isStageOf('opportunity', 'proposal')).toBe(true);
    expect(isStageOf('opportunity', 'signed')).toBe(false);
  });
});

describe('checkTransition', () => {
  it('allows moving forward (also skipping) and back between open stages', () => {
    expect(checkTransition('opportunity', 'qualify', 'solution')).toEqual({ allowed: true });
    expect(checkTransition('opportunity', 'qualify', 'negotiation')).toEqual({ allowed: true });
    expect(checkTransition('opportunity', 'negotiation', 'qualify')).toEqual({ allowed: true });
    expect(checkTransition('contract', 'draft', 'signed')).toEqual({ allowed: true });
  });

  it('refuses staying put: sameStage', () => {
    expect(checkTransition('opportunity', 'proposal', 'proposal')).toEqual({
      allowed: false,
      reason: 'sameStage',
    });
  });

  it('refuses stages only the system sets: systemOnly', () => {
    expect(checkTransition('lead', 'qualified', 'converted')).toEqual({
      allowed: false,
      reason: 'systemOnly',
    });
    expect(checkTransition('invoice', 'invoiced', 'paid')).toEqual({
      allowed: false,
      reason: 'systemOnly',
    });
    expect(checkTransition('invoice', 'scheduled', 'partiallyPaid')).toEqual({
      allowed: false,
      reason: 'systemOnly',
    });
  });

  it('refuses leaving a terminal stage except into its reopen stage: fromTerminal', () => {
    expect(checkTransition('opportunity', 'won', 'negotiation')).toEqual({
      allowed: false,
      reason: 'fromTerminal',
    });
    expect(checkTransition('opportunity', 'lost', 'proposal')).toEqual({
      allowed: false,
      reason: 'fromTerminal',
    });
    expect(checkTransition('opportunity', 'won', 'lost')).toEqual({
      allowed: false,
      reason: 'fromTerminal',
    });
    expect(checkTransition('contract', 'completed', 'executing')).toEqual({
      allowed: false,
      reason: 'fromTerminal',
    });
    expect(checkTransition('delivery', 'accepted', 'delivered')).toEqual({
      allowed: false,
      reason: 'fromTerminal',
    });
    expect(checkTransition('opportunity', 'lost', 'qualify')).toEqual({ allowed: true });
    expect(checkTransition('lead', 'disqualified', 'new')).toEqual({ allowed: true });
  });

  it('reaches a non-exit terminal only from the last open stage: notAdjacentTerminal', () => {
    expect(checkTransition('opportunity', 'proposal', 'won')).toEqual({
      allowed: false,
      reason: 'notAdjacentTerminal',
    });
    expect(checkTransition('opportunity', 'qualify', 'won')).toEqual({
      allowed: false,
      reason: 'notAdjacentTerminal',
    });
    expect(checkTransition('contract', 'signed', 'completed')).toEqual({
      allowed: false,
      reason: 'notAdjacentTerminal',
    });
    expect(checkTransition('delivery', 'inProgress', 'accepted')).toEqual({
      allowed: false,
      reason: 'notAdjacentTerminal',
    });
    expect(checkTransition('opportunity', 'negotiation', 'won')).toEqual({ allowed: true });
    expect(checkTransition('contract', 'executing', 'completed')).toEqual({ allowed: true });
    expect(checkTransition('delivery', 'delivered', 'accepted')).toEqual({ allowed: true });
  });

  it('reaches an exit-anywhere terminal from every open stage', () => {
    for (const from of openStages('opportunity')) {
      expect(checkTransition('opportunity', from, 'lost')).toEqual({ allowed: true });
    }
    for (const from of openStages('contract')) {
      expect(checkTransition('contract', from, 'terminated')).toEqual({ allowed: true });
    }
    expect(checkTransition('lead', 'new', 'disqualified')).toEqual({ allowed: true });
  });
});

describe('stagesEntered', () => {
  it('lists every stage passed going forward, only the target otherwise', () => {
    expect(stagesEntered('opportunity', 'qualify', 'negotiation')).toEqual([
      'solution',
      'proposal',
      'negotiation',
    ]);
    expect(stagesEntered('opportunity', 'negotiation', 'solution')).toEqual(['solution']);
    expect(stagesEntered('opportunity', 'solution', 'lost')).toEqual(['lost']);
    expect(stagesEntered('opportunity', 'negotiation', 'won')).toEqual(['won']);
  });
});
