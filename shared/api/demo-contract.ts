import { z } from 'zod';

/**
 * The sample-data part of the CrmApi contract: load a simulated firm with a year of history into
 * an empty database, see whether it is there, and remove all of it in one step. Merged into
 * commandSchemas / querySchemas with one spread each.
 */

export const SAMPLE_LANGUAGES = ['zh-CN', 'en'] as const;

export const demoCommandSchemas = {
  /** Refused (ValidationError on `database`) unless the database holds no real records. */
  'demo/load': z.strictObject({
    language: z.enum(SAMPLE_LANGUAGES),
    /** Leads the simulated year brings: 250 makes the full firm; tests use fewer. */
    leads: z.number().int().min(1).max(1000).optional(),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31)
      .optional(),
  }),
  /**
   * Stores a sample firm simulated elsewhere (a worker with its own in-memory core, see
   * renderer/demo): one bulk write per collection instead of thousands of commands against the
   * person's database. Same refusal as demo/load; every document must be sample data.
   */
  'demo/import': z.strictObject({
    collections: z.record(
      z.string().max(40),
      z.array(z.record(z.string(), z.unknown())).max(50_000),
    ),
  }),
  /** Removes every sample record and its history; real records stay untouched. */
  'demo/remove': z.strictObject({}),
} as const;

/** Sample records per kind, and whether the database holds anything else. */
export interface DemoStatus {
  present: boolean;
  /** True once any record was made by a real person: sample data may no longer be loaded. */
  hasRealRecords: boolean;
  counts: {
    leads: number;
    accounts: number;
    opportunities: number;
    contracts: number;
    invoices: number;
  };
}

export interface DemoCommandResults {
  'demo/load': DemoStatus;
  'demo/import': DemoStatus;
  'demo/remove': { removed: number };
}

export const demoQuerySchemas = {
  'demo/status': z.strictObject({}),
} as const;

export interface DemoQueryResults {
  'demo/status': DemoStatus;
}
