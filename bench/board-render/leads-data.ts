import type { Lead, StageEvent } from '../../shared/domain/entities';
import { SCORE_ANSWERS } from '../../shared/domain/leads';
import { LEAD_STAGES, type LeadStage } from '../../shared/domain/phases';

const DAY = 86_400_000;
const OWNERS = [
  { ownerId: 'bench-rep', ownerName: '王小明' },
  { ownerId: 'bench-rep-2', ownerName: '李娜' },
  { ownerId: 'bench-rep-3', ownerName: '陈静' },
];

/** UUID-shaped ids that sort by creation, without a clock (as bench/opportunity-data.ts). */
const idOf = (i: number) => `0190b000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`;
const eventIdOf = (i: number) => `0190c000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`;

/**
 * `count` leads spread evenly over the five lead stages, with a fixed pattern of optional fields
 * (contact, source, scorecard, disqualified reason) so cards differ in height as real ones do, and
 * stage entry times over the last 120 days so some cards are past the aging threshold.
 */
export function benchLeads(count: number, now: number): Lead[] {
  return Array.from({ length: count }, (_, i) => {
    const stage = LEAD_STAGES[i % LEAD_STAGES.length]!;
    const enteredAt = now - ((i * 7_919) % 120) * DAY - i;
    const answer = (k: number) => SCORE_ANSWERS[(i + k) % SCORE_ANSWERS.length]!;
    return {
      ...OWNERS[i % OWNERS.length]!,
      id: idOf(i),
      createdAt: enteredAt - 3 * DAY,
      updatedAt: enteredAt,
      archived: false,
      stage,
      stageEnteredAt: enteredAt,
      company: `${['华东', '华南', '西北', '东北'][i % 4]}精密机械有限公司 ${i}`,
      ...(i % 3 !== 0 ? { contactName: `联系人 ${i}` } : {}),
      ...(i % 2 === 0 ? { source: ['展会', '官网', '转介绍'][i % 3]! } : {}),
      ...(i % 4 === 1
        ? {
            scorecard: {
              budget: answer(0),
              authority: answer(1),
              need: answer(2),
              timeline: answer(3),
            },
          }
        : {}),
      ...(stage === 'disqualified'
        ? { disqualifiedReason: i % 2 ? '预算不足' : '需求不匹配，暂无采购计划' }
        : {}),
    };
  });
}

/** The way a lead came to its stage: created in New, then along the funnel (or out of New). */
const PATHS: Record<LeadStage, readonly LeadStage[]> = {
  new: ['new'],
  contacted: ['new', 'contacted'],
  qualified: ['new', 'contacted', 'qualified'],
  converted: ['new', 'contacted', 'qualified', 'converted'],
  disqualified: ['new', 'disqualified'],
};

/**
 * Each lead's stage events, as its owner's device wrote them: a record and its stage history
 * exist together (shared/core/stage-events.ts), so the board's data has both. The steps are
 * spread from creation to the entry into the current stage, which is the last event.
 */
export function benchStageEvents(leads: readonly Lead[]): StageEvent[] {
  return leads.flatMap((lead, i) => {
    const path = PATHS[lead.stage];
    const step = (lead.stageEnteredAt - lead.createdAt) / Math.max(1, path.length - 1);
    return path.map((to, k): StageEvent => {
      const from = path[k - 1];
      return {
        id: eventIdOf(i * 4 + k),
        phase: 'lead',
        recordId: lead.id,
        ...(from !== undefined ? { from } : {}),
        to,
        at: k === path.length - 1 ? lead.stageEnteredAt : Math.round(lead.createdAt + step * k),
        by: lead.ownerId,
        byName: lead.ownerName,
        ...(to === 'disqualified' && lead.disqualifiedReason
          ? { reason: lead.disqualifiedReason }
          : {}),
      };
    });
  });
}
