import type { Phase } from '../domain/phases';
import { bucketIndex, quantiles, ratio, toDays } from './stats';
import type { Scope } from './scope';
import type { JourneyEvent, PhaseFlow, StageConversion, StageModel } from './types';

/*
 * Definitions (one record = one card on one board; its events in time order):
 *
 * - A record REACHES a path stage when it enters it moving forward: created in it, or moved to it
 *   from an earlier path stage. Backward moves and reopening (lost → qualify) re-enter a stage
 *   without reaching it, so they never count as progress. Each record counts once per stage, by
 *   its first forward entry: a reopened deal that then moves on counts as one card moving on.
 * - CONVERSION A → B (B the path stage after A), over records that reached A in the period:
 *     converted = reached B (at any time up to asOf);
 *     skipped   = did not reach B but reached a stage beyond it → left out of this pair;
 *     dropped   = none of the above and now in an exit stage (lost, disqualified, terminated);
 *     pending   = none of the above and still open (waiting, moved back, or reopened).
 *   rate = converted ÷ (converted + dropped). Pending cards are not failures yet: counting them
 *   would make a slow stage look like a leaky one.
 * - FUNNEL: of the records that entered the phase in the period, how many reached each path stage
 *   or one beyond it (a skipped stage is passed, so the funnel never widens).
 * - DWELL in a stage: each visit (entry to the next event), however entered. Visits that ended in
 *   the period count with their full length; visits still open at asOf ("open dwell") count with
 *   their time so far. Open dwell counts because leaving it out hides exactly the cards that are
 *   stuck; as it is a lower bound, a median with many open samples is a lower bound too. Terminal
 *   stages have no dwell.
 * - THROUGHPUT: records reaching the success stage (last of the path) in the period, per bucket.
 * - WIP and CUMULATIVE FLOW: records per stage at asOf, and at the end of each bucket.
 */

interface StageAcc {
  dwell: number[];
  open: number;
  wip: number;
  cfd: Int32Array;
}

export interface RecordState {
  stage: string;
  enteredAt: number;
  model: StageModel;
}

export class PhaseFlowBuilder {
  private readonly stages = new Map<string, StageAcc>();
  private readonly pairs = new Map<string, StageConversion>();
  /** Each model's pairs by the index of their `from` stage: no key building per record. */
  private readonly pairsByModel = new Map<StageModel, StageConversion[]>();
  private readonly funnel = new Map<string, number>();
  private readonly throughput: number[];
  /** Sample instants of the cumulative flow: each bucket's last moment, capped at asOf. */
  private readonly samples: number[];
  private readonly starts: number[];
  /** Current stage per record at asOf, for win rate and cycle times. */
  readonly states = new Map<string, RecordState>();

  /** `settledShortcut`: false only in the test that compares the shortcut with the full pass. */
  constructor(
    readonly phase: Phase,
    private readonly model: StageModel,
    private readonly scope: Scope,
    private readonly settledShortcut = true,
  ) {
    const starts = scope.buckets.map((b) => b.start);
    this.starts = starts;
    this.samples = starts.map((_, i) => Math.min((starts[i + 1] ?? Infinity) - 1, scope.asOf));
    this.throughput = starts.map(() => 0);
    for (const s of [...model.path, ...model.exits]) this.stage(s);
    // The shown pipeline's pairs first, in board order; other pipelines' pairs follow as met.
    for (let a = 0; a + 1 < model.path.length; a++) this.pair(model.path[a]!, model.path[a + 1]!);
  }

  private stage(name: string): StageAcc {
    let acc = this.stages.get(name);
    if (!acc) {
      acc = { dwell: [], open: 0, wip: 0, cfd: new Int32Array(this.samples.length + 1) };
      this.stages.set(name, acc);
    }
    return acc;
  }

  /** Lower bound: first sample index with samples[k] ≥ at. */
  private firstSampleAtOrAfter(at: number): number {
    let lo = 0;
    let hi = this.samples.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.samples[mid]! < at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  add(recordId: string, events: readonly JourneyEvent[], model: StageModel): void {
    const { from: periodFrom } = this.scope.filters;
    const asOf = this.scope.asOf;
    const path = model.path;
    const success = path.length - 1;
    const last = events[events.length - 1];
    if (last && this.settledShortcut && this.settled(last, periodFrom, path)) {
      return this.addSettled(recordId, events, model);
    }
    // First forward-entry time per path index.
    const reachedAt: number[] = [];
    let furthest = -1;
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      const next = events[i + 1];
      const acc = this.stage(e.to);
      const to = path.indexOf(e.to);
      const from = e.from === undefined ? -1 : path.indexOf(e.from);
      const forward = to >= 0 && (e.from === undefined || (from >= 0 && from < to));
      if (forward && reachedAt[to] === undefined) {
        reachedAt[to] = e.at;
        if (to > furthest) furthest = to;
      }
      if (forward && to === success && e.at >= periodFrom) {
        const b = bucketIndex(this.starts, e.at);
        if (b >= 0) this.throughput[b]!++;
      }
      const end = next ? next.at : Infinity;
      if (to >= 0 && to < success) {
        if (end <= asOf) {
          if (end >= periodFrom) acc.dwell.push(end - e.at);
        } else {
          acc.dwell.push(asOf - e.at);
          acc.open++;
        }
      }
      const k1 = this.firstSampleAtOrAfter(e.at);
      const k2 = this.firstSampleAtOrAfter(end);
      if (k1 < k2) {
        acc.cfd[k1]!++;
        acc.cfd[k2]!--;
      }
    }
    if (!last) return;
    this.stage(last.to).wip++;
    this.states.set(recordId, { stage: last.to, enteredAt: last.at, model });
    if (events[0]!.at >= periodFrom) {
      for (let i = 0; i <= furthest; i++) {
        this.funnel.set(path[i]!, (this.funnel.get(path[i]!) ?? 0) + 1);
      }
    }
    const exited = model.exits.includes(last.to);
    const pairs = this.modelPairs(model);
    for (let a = 0; a < success; a++) {
      const at = reachedAt[a];
      if (at === undefined || at < periodFrom) continue;
      const pair = pairs[a]!;
      pair.entered++;
      if (reachedAt[a + 1] !== undefined) pair.converted++;
      else if (furthest > a + 1) pair.skipped++;
      else if (exited) pair.dropped++;
      else pair.pending++;
    }
  }

  /**
   * A journey that ended before the period, in a stage with no dwell (won, lost, or one off the
   * record's path) before the first sample: most of a firm's history. All the full pass below would
   * find in it is where it stands, at asOf and at every sample, since every visit but the last ended
   * before the period and the last one has no dwell. The condition is exactly that, so the figures
   * stay what the full pass gives.
   */
  private settled(last: JourneyEvent, periodFrom: number, path: readonly string[]): boolean {
    if (last.at >= periodFrom || this.samples.length === 0 || this.samples[0]! <= last.at) {
      return false;
    }
    const at = path.indexOf(last.to);
    return !(at >= 0 && at < path.length - 1);
  }

  /** What the full pass does for a settled journey (see settled). */
  private addSettled(recordId: string, events: readonly JourneyEvent[], model: StageModel): void {
    // Stages are listed in the order the records meet them, the settled ones included.
    for (const e of events) this.stage(e.to);
    const last = events[events.length - 1]!;
    const acc = this.stage(last.to);
    acc.wip++;
    acc.cfd[0]!++;
    acc.cfd[this.samples.length]!--;
    this.states.set(recordId, { stage: last.to, enteredAt: last.at, model });
    this.modelPairs(model);
  }

  private modelPairs(model: StageModel): StageConversion[] {
    let list = this.pairsByModel.get(model);
    if (!list) {
      list = model.path.slice(1).map((to, a) => this.pair(model.path[a]!, to));
      this.pairsByModel.set(model, list);
    }
    return list;
  }

  private pair(from: string, to: string): StageConversion {
    const key = `${from}\u0000${to}`;
    let p = this.pairs.get(key);
    if (!p) {
      p = { from, to, entered: 0, converted: 0, skipped: 0, dropped: 0, pending: 0, rate: null };
      this.pairs.set(key, p);
    }
    return p;
  }

  finish(): PhaseFlow {
    const path = this.model.path;
    const stages = [...this.stages.keys()];
    const wip: Record<string, number> = {};
    const cumulativeFlow: Record<string, number[]> = {};
    for (const [name, acc] of this.stages) {
      wip[name] = acc.wip;
      let running = 0;
      cumulativeFlow[name] = this.samples.map((_, k) => (running += acc.cfd[k]!));
    }
    const successStage = path[path.length - 1] ?? '';
    return {
      phase: this.phase,
      stages,
      funnel: path.map((stage) => ({ stage, reached: this.funnel.get(stage) ?? 0 })),
      conversions: [...this.pairs.values()].map((p) => ({
        ...p,
        rate: ratio(p.converted, p.converted + p.dropped),
      })),
      dwell: stages
        .filter((s) => path.indexOf(s) >= 0 && path.indexOf(s) < path.length - 1)
        .map((stage) => {
          const acc = this.stages.get(stage)!;
          const [median = null, p80 = null] = quantiles(acc.dwell, [0.5, 0.8]);
          return {
            stage,
            samples: acc.dwell.length,
            openSamples: acc.open,
            medianDays: toDays(median),
            p80Days: toDays(p80),
          };
        }),
      wip,
      throughput: {
        stage: successStage,
        total: this.throughput.reduce((a, b) => a + b, 0),
        perBucket: this.throughput,
      },
      cumulativeFlow,
    };
  }
}
