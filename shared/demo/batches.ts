import { SAMPLE_IMPORT_BATCH_MAX } from '../api/demo-contract';
import type { SimulatedFirm } from './export';

/**
 * Documents per demo/import batch by default. Far under the per-command cap: measured at 10× in
 * Chromium (scripts/measure-sample-load.ts), batches of 500 blocked the page about half as long
 * as batches of 2,000 (fewer and shorter long tasks) at the same total time, since each write
 * and what it wakes in the page's live queries is smaller. The full firm is 10 batches, 10× 87.
 */
export const SAMPLE_BATCH_SIZE = 500;

/**
 * Cuts a simulated firm into batches of at most `size` documents, in the firm's collection order
 * (accounts and leads first, history last), a collection spanning batches where it must. Records
 * coming before their history means a load cut off half-way shows as sample data, which the
 * banner then offers to remove.
 */
export function sampleBatches(
  firm: SimulatedFirm,
  size: number = SAMPLE_BATCH_SIZE,
): SimulatedFirm['collections'][] {
  const limit = Math.max(1, Math.min(size, SAMPLE_IMPORT_BATCH_MAX));
  const batches: SimulatedFirm['collections'][] = [];
  let current: SimulatedFirm['collections'] = {};
  let room = limit;
  for (const [name, docs] of Object.entries(firm.collections)) {
    for (let i = 0; i < docs.length;) {
      const part = docs.slice(i, i + room);
      current[name] = part;
      i += part.length;
      room -= part.length;
      if (room === 0) {
        batches.push(current);
        current = {};
        room = limit;
      }
    }
  }
  if (room < limit) batches.push(current);
  return batches;
}
