/**
 * A realistic LTC data set for the storage benchmarks: accounts with two contacts each, and
 * opportunities spread over several pipelines, weighted towards the open stages, with stage entry
 * times over two years, optional amounts and expected close dates, and some archived. The same
 * data in every run (a fixed hash, not Math.random), so runs compare.
 */
import type { Account, Contact, Opportunity } from '../shared/domain/entities';
import { OPPORTUNITY_PROBABILITY, OPPORTUNITY_STAGES } from '../shared/domain/phases';

/** Pipelines and their share of the opportunities. The board benchmark shows the first. */
export const PIPELINES = [
  { id: 'default', share: 0.5 },
  { id: 'key-accounts', share: 0.25 },
  { id: 'channel', share: 0.15 },
  { id: 'renewals', share: 0.1 },
] as const;

/** Open stages are where most cards sit; won and lost collect the rest. */
const STAGE_WEIGHTS = [0.3, 0.22, 0.16, 0.1, 0.12, 0.1];
const CURRENCIES = ['CNY', 'CNY', 'CNY', 'CNY', 'CNY', 'USD', 'EUR', 'JPY'];
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 0, 5);

/** A fixed pseudo-random number in [0, 1) for item `i` and purpose `salt` (murmur3's finaliser). */
function unit(i: number, salt: number): number {
  let h = Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(salt + 1, 0x85ebca77);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4_294_967_296;
}

function weighted<T>(items: readonly T[], weights: readonly number[], r: number): T {
  let left = r;
  for (let k = 0; k < items.length; k++) {
    left -= weights[k]!;
    if (left < 0) return items[k]!;
  }
  return items[items.length - 1]!;
}

/** UUID-shaped ids that sort by creation, like the app's UUIDv7s, without a clock. */
function idOf(kind: number, i: number): string {
  const hex = (kind * 0x1000000 + i).toString(16).padStart(12, '0');
  return `0190a000-0000-7000-8000-${hex}`;
}

export interface LtcDataSet {
  accounts: Account[];
  contacts: Contact[];
  opportunities: Opportunity[];
}

export function ltcDataSet(opportunityCount: number, accountCount: number): LtcDataSet {
  const owner = { ownerId: 'bench-rep', ownerName: '王小明' };
  const accounts: Account[] = Array.from({ length: accountCount }, (_, i) => ({
    ...owner,
    id: idOf(1, i),
    createdAt: NOW - 900 * DAY + i * 1000,
    updatedAt: NOW - 900 * DAY + i * 1000,
    archived: unit(i, 1) < 0.03,
    name: `客户 ${i} 有限公司`,
    industry: ['制造', '零售', '能源', '金融', '医疗'][i % 5]!,
  }));
  const contacts: Contact[] = accounts.flatMap((account, i) =>
    [0, 1].map((k) => ({
      ...owner,
      id: idOf(2, i * 2 + k),
      createdAt: account.createdAt,
      updatedAt: account.createdAt,
      archived: false,
      accountId: account.id,
      name: `联系人 ${i}-${k}`,
    })),
  );
  const opportunities = Array.from({ length: opportunityCount }, (_, i): Opportunity => {
    const stage = weighted(OPPORTUNITY_STAGES, STAGE_WEIGHTS, unit(i, 2));
    const pipelineId = weighted(
      PIPELINES.map((p) => p.id),
      PIPELINES.map((p) => p.share),
      unit(i, 3),
    );
    const accountIndex = Math.floor(unit(i, 4) * accountCount);
    const createdAt = NOW - Math.floor(unit(i, 5) * 730 * DAY);
    const stageEnteredAt = createdAt + Math.floor(unit(i, 6) * (NOW - createdAt));
    const closeDay = new Date(stageEnteredAt + Math.floor(unit(i, 7) * 240) * DAY);
    return {
      ...owner,
      id: idOf(3, i),
      createdAt,
      updatedAt: stageEnteredAt,
      archived: unit(i, 8) < 0.08,
      title: `商机 ${i}：ERP 与数据平台`,
      accountId: accounts[accountIndex]!.id,
      ...(unit(i, 9) < 0.8 ? { contactId: contacts[accountIndex * 2]!.id } : {}),
      pipelineId,
      stage,
      stageOrder: OPPORTUNITY_STAGES.indexOf(stage),
      stageEnteredAt,
      probability: OPPORTUNITY_PROBABILITY[stage],
      ...(unit(i, 10) < 0.85
        ? {
            amount: {
              minor: 10_000_00 + Math.floor(unit(i, 11) * 5_000_000_00),
              currency: CURRENCIES[Math.floor(unit(i, 12) * CURRENCIES.length)]!,
            },
          }
        : {}),
      ...(unit(i, 13) < 0.7 ? { expectedClose: closeDay.toISOString().slice(0, 10) } : {}),
      ...(stage === 'lost' ? { lostReason: '价格' } : {}),
    };
  });
  return { accounts, contacts, opportunities };
}
