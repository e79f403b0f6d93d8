import type { Phase } from '../domain/phases';
import { quantile } from './stats';
import type { BottleneckFinding, PhaseFlow } from './types';

/**
 * Thresholds of bottleneck detection. The defaults flag what a manager would call stuck and stay
 * quiet on an even flow; small samples are ignored because one slow card is an anecdote.
 */
export interface BottleneckOptions {
  /** A stage's median dwell must be this many times the longest median of the phase's other stages. */
  dwellRatio: number;
  /** …and at least this many days. */
  minDwellDays: number;
  /** …with at least this many cards waiting in it now ("work piling up"). */
  minWaiting: number;
  /** Dwell samples a stage needs to be judged. */
  minSamples: number;
  /**
   * Stages whose dwell is not waiting but the work itself, measured stage by stage elsewhere: a
   * contract is "executing" for the whole delivery and collection, which the delivery and invoice
   * boards break down. Judging it would name the entire back office as one slow stage.
   */
  notWaiting: Partial<Record<Phase, readonly string[]>>;
  /** Decided cards (converted + dropped) a pair needs to be judged. */
  minDecided: number;
  /** Low conversion: below this share of the phase's typical (median) rate of the other pairs… */
  conversionShare: number;
  /** …or, in a phase with no other pair to compare, below this rate. */
  conversionFloor: number;
}

export const DEFAULT_BOTTLENECK_OPTIONS: BottleneckOptions = {
  dwellRatio: 2,
  minDwellDays: 1,
  minWaiting: 1,
  minSamples: 3,
  notWaiting: { contract: ['executing'] },
  minDecided: 5,
  conversionShare: 0.6,
  conversionFloor: 0.25,
};

/**
 * The stages limiting the flow, most limiting first.
 * - dwell: cards sit in the stage far longer than in any other stage of its phase while work is
 *   waiting there; severity = ratio × (1 + the stage's share of the phase's open cards), so a slow
 *   stage holding most of the work outranks an equally slow one holding little.
 * - conversion: few cards that leave the stage move on; severity = typical rate ÷ rate.
 */
export function findBottlenecks(
  flows: readonly PhaseFlow[],
  options: Partial<BottleneckOptions> = {},
): BottleneckFinding[] {
  const o = { ...DEFAULT_BOTTLENECK_OPTIONS, ...options };
  const findings: BottleneckFinding[] = [];
  for (const flow of flows) {
    const notWaiting = o.notWaiting[flow.phase] ?? [];
    const judged = flow.dwell.filter(
      (d) => d.samples >= o.minSamples && d.medianDays !== null && !notWaiting.includes(d.stage),
    );
    const openWip = flow.dwell.reduce((sum, d) => sum + (flow.wip[d.stage] ?? 0), 0);
    for (const d of judged) {
      const others = judged.filter((x) => x !== d).map((x) => x.medianDays!);
      if (others.length === 0) continue;
      const longestOther = Math.max(...others);
      const median = d.medianDays!;
      // An hour as the floor: other stages passed in minutes must not make any dwell "infinite".
      const ratioToNext = median / Math.max(longestOther, 1 / 24);
      const waitingNow = flow.wip[d.stage] ?? 0;
      if (ratioToNext < o.dwellRatio || median < o.minDwellDays || waitingNow < o.minWaiting)
        continue;
      findings.push({
        phase: flow.phase,
        stage: d.stage,
        kind: 'dwell',
        medianDays: median,
        ratioToNext,
        waitingNow,
        conversion: null,
        severity: ratioToNext * (1 + waitingNow / Math.max(openWip, 1)),
      });
    }
    const pairs = flow.conversions.filter(
      (p) => p.rate !== null && p.converted + p.dropped >= o.minDecided,
    );
    for (const p of pairs) {
      const rate = p.rate!;
      const typical = quantile(
        pairs.filter((x) => x !== p).map((x) => x.rate!),
        0.5,
      );
      const low = typical === null ? rate < o.conversionFloor : rate < typical * o.conversionShare;
      if (!low) continue;
      findings.push({
        phase: flow.phase,
        stage: p.from,
        kind: 'conversion',
        medianDays: flow.dwell.find((d) => d.stage === p.from)?.medianDays ?? null,
        ratioToNext: null,
        waitingNow: flow.wip[p.from] ?? 0,
        conversion: rate,
        nextStage: p.to,
        typicalConversion: typical,
        severity: (typical ?? 0.5) / Math.max(rate, 0.05),
      });
    }
  }
  return findings.sort((a, b) => b.severity - a.severity);
}
