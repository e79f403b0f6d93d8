import { isStageOf, type Phase } from '../domain/phases';
import type { BottleneckFinding } from './types';

/** An i18next-style translate function: key plus interpolation values (with `count` for plurals). */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * Accepts any translate function, including i18next's TFunction whose typed keys a plain
 * `(key: string) => string` parameter would refuse; findingText only passes keys of the
 * analytics section, which exist in every catalog (a test checks it).
 */
export type AnyTranslate = (key: never, options: never) => unknown;

/** A stage's display name: for a pipeline's own stages the UI passes their configured names. */
export type StageLabel = (phase: Phase, stage: string) => string;

export const stageLabelFromCatalog =
  (t: AnyTranslate): StageLabel =>
  (phase, stage) =>
    isStageOf(phase, stage)
      ? (t as unknown as Translate)(`analytics.stages.${phase}.${stage}`)
      : stage;

/** 12 → "12", 2.46 → "2.5", 2.0 → "2": one decimal below ten, where it still says something. */
export function roundForText(value: number): string {
  const rounded = value >= 10 ? Math.round(value) : Math.round(value * 10) / 10;
  return String(rounded);
}

export const percentText = (rate: number): string => `${Math.round(rate * 100)}%`;

/** The key and values of a finding's sentence, for a UI that prefers calling t itself. */
export function findingMessage(
  finding: BottleneckFinding,
  stageLabel: StageLabel,
  t: AnyTranslate,
): { key: string; values: Record<string, unknown> } {
  const tr = t as unknown as Translate;
  const { phase } = finding;
  const waiting =
    finding.waitingNow > 0
      ? tr(`analytics.findings.waiting.${phase}`, { count: finding.waitingNow })
      : tr('analytics.findings.noneWaiting');
  const stage = stageLabel(phase, finding.stage);
  if (finding.kind === 'dwell') {
    const days = roundForText(finding.medianDays ?? 0);
    return {
      key: `analytics.findings.dwell.${phase}`,
      values: {
        stage,
        days: tr('analytics.days', { count: Number(days) }),
        ratio: roundForText(finding.ratioToNext ?? 0),
        waiting,
      },
    };
  }
  const typical = finding.typicalConversion ?? null;
  return {
    key: `analytics.findings.${typical === null ? 'conversionAlone' : 'conversion'}.${phase}`,
    values: {
      stage,
      next: finding.nextStage ? stageLabel(phase, finding.nextStage) : '',
      rate: percentText(finding.conversion ?? 0),
      typical: typical === null ? '' : percentText(typical),
      waiting,
    },
  };
}

/**
 * The plain-language sentence for a finding in the current language, e.g. "Contracts wait a
 * median 12 days in Review, 3× longer than any other stage; 9 are waiting now".
 */
export function findingText(
  t: AnyTranslate,
  finding: BottleneckFinding,
  stageLabel: StageLabel = stageLabelFromCatalog(t),
): string {
  const { key, values } = findingMessage(finding, stageLabel, t);
  return (t as unknown as Translate)(key, values);
}
