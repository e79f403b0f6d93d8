import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { CATALOGS } from '../i18n';
import { findingText, roundForText } from './finding-text';
import type { BottleneckFinding } from './types';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    lng: 'zh-CN',
    resources: { 'zh-CN': { translation: CATALOGS['zh-CN'] }, en: { translation: CATALOGS.en } },
    interpolation: { escapeValue: false },
  });
});
// The UI's typed TFunction goes in as it is: no cast at the call site.
const text = (
  lng: string,
  f: BottleneckFinding,
  label?: (phase: string, stage: string) => string,
) => {
  const t: TFunction = i18n.getFixedT(lng);
  return label ? findingText(t, f, label) : findingText(t, f);
};

const slowReview: BottleneckFinding = {
  phase: 'contract',
  stage: 'review',
  kind: 'dwell',
  medianDays: 12.2,
  ratioToNext: 3.04,
  waitingNow: 9,
  conversion: null,
  severity: 6,
};

describe('findingText', () => {
  it('says a dwell finding in plain Chinese and English', () => {
    expect(text('zh-CN', slowReview)).toBe(
      '合同在「合同评审」阶段的等待时间中位数为 12 天，是其他阶段的 3 倍；目前有 9 份在等待',
    );
    expect(text('en', slowReview)).toBe(
      'Contracts wait a median 12 days in Review, 3× longer than any other stage; 9 are waiting now',
    );
  });

  it('uses singular English, decimals below ten, and the none-waiting clause', () => {
    const f = {
      ...slowReview,
      phase: 'invoice' as const,
      stage: 'invoiced',
      medianDays: 1,
      ratioToNext: 2.46,
      waitingNow: 1,
    };
    expect(text('en', f)).toBe(
      'Invoices wait a median 1 day in Invoiced, 2.5× longer than any other stage; 1 is waiting now',
    );
    expect(text('zh-CN', { ...f, waitingNow: 0 })).toBe(
      '发票在「已开票」阶段的等待时间中位数为 1 天，是其他阶段的 2.5 倍；目前没有在等待的',
    );
  });

  it('says a conversion finding, with or without a typical rate to compare', () => {
    const f: BottleneckFinding = {
      phase: 'opportunity',
      stage: 'solution',
      kind: 'conversion',
      medianDays: 4,
      ratioToNext: null,
      waitingNow: 4,
      conversion: 0.2,
      nextStage: 'proposal',
      typicalConversion: 0.75,
      severity: 3.75,
    };
    expect(text('en', f)).toBe(
      'Only 20% of opportunities move on from Solution to Proposal, against a typical 75% at other stages; 4 are waiting now',
    );
    expect(text('zh-CN', f)).toBe(
      '只有 20% 的商机从「方案」进入「投标报价」，其他阶段通常为 75%；目前有 4 个在等待',
    );
    expect(text('zh-CN', { ...f, typicalConversion: null })).toBe(
      '只有 20% 的商机从「方案」进入「投标报价」；目前有 4 个在等待',
    );
  });

  it('takes stage names from the caller, for a pipeline’s own stages', () => {
    const f = { ...slowReview, phase: 'opportunity' as const, stage: 'st-7f3' };
    expect(
      text('zh-CN', f, (_phase, stage) => (stage === 'st-7f3' ? '技术交流' : stage)),
    ).toContain('商机在「技术交流」阶段');
    // Without a label function an unknown stage id is shown as it is rather than as a missing key.
    expect(text('en', f)).toContain('in st-7f3,');
  });

  it('rounds for reading', () => {
    expect([
      roundForText(12.4),
      roundForText(9.96),
      roundForText(2.04),
      roundForText(0.25),
    ]).toEqual(['12', '10', '2', '0.3']);
  });
});
