import { z } from 'zod';
import type { Dashboard } from '../analytics/types';

/**
 * The flow-analytics part of the CrmApi contract: one live query returning every dashboard metric
 * for a period, owner and pipeline (shared/analytics computes them; definitions are documented
 * there). Merged into the core's queries with one spread (shared/api/queries.ts).
 */

const epochMs = z.number().int().min(0).max(8_640_000_000_000_000);
/** Ten years: longer periods are for an export, not a screen. */
export const ANALYTICS_MAX_PERIOD_MS = 3_660 * 86_400_000;

export const analyticsQuerySchemas = {
  /**
   * The period is [from, to) in epoch ms, chosen by the renderer in the viewer's time zone; pass
   * the same zone as utcOffsetMinutes (480 for China) so days, weeks and months start at local
   * midnight. Metrics are measured up to min(now, to).
   */
  'analytics/dashboard': z
    .strictObject({
      from: epochMs,
      to: epochMs,
      ownerId: z.string().min(1).max(64).optional(),
      pipelineId: z.string().min(1).max(64).optional(),
      granularity: z.enum(['day', 'week', 'month']).optional(),
      utcOffsetMinutes: z.number().int().min(-840).max(840).optional(),
    })
    .refine((p) => p.to > p.from && p.to - p.from <= ANALYTICS_MAX_PERIOD_MS, { path: ['to'] }),
} as const;

export interface AnalyticsQueryResults {
  'analytics/dashboard': Dashboard;
}
