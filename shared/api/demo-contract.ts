import { z } from 'zod';

/**
 * The sample-data part of the CrmApi contract: load a simulated firm with a year of history into
 * an empty database, see whether it is there, and remove all of it in one step. Merged into
 * commandSchemas / querySchemas with one spread each.
 */

export const SAMPLE_LANGUAGES = ['zh-CN', 'en'] as const;

/**
 * The biggest sample firm: 12,500 leads is 50× the full firm (about 210,000 documents), what a
 * firm of twenty reps gathers in several years. Beyond it a simulation only tests memory.
 */
export const SAMPLE_LEADS_MAX = 12_500;

/**
 * Documents one demo/import command may carry, all collections together. A firm of any size goes
 * in as several commands (batches); the cap bounds what one command (a forged one too) makes the
 * core hold and write at once, and keeps each bulk write short enough for the page to stay
 * responsive between batches.
 */
export const SAMPLE_IMPORT_BATCH_MAX = 5_000;

const importCollections = z
  .record(
    z.string().max(40),
    z.array(z.record(z.string(), z.unknown())).max(SAMPLE_IMPORT_BATCH_MAX),
  )
  .superRefine((collections, ctx) => {
    const total = Object.values(collections).reduce((sum, docs) => sum + docs.length, 0);
    if (total > SAMPLE_IMPORT_BATCH_MAX) {
      ctx.addIssue({
        code: 'too_big',
        origin: 'array',
        maximum: SAMPLE_IMPORT_BATCH_MAX,
        inclusive: true,
        input: total,
        message: `at most ${SAMPLE_IMPORT_BATCH_MAX} documents per command`,
      });
    }
  });

export const demoCommandSchemas = {
  /** Refused (ValidationError on `database`) unless the database holds no real records. */
  'demo/load': z.strictObject({
    language: z.enum(SAMPLE_LANGUAGES),
    /** Leads the simulated year brings: 250 makes the full firm; tests use fewer. */
    leads: z.number().int().min(1).max(SAMPLE_LEADS_MAX).optional(),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31)
      .optional(),
  }),
  /**
   * Stores a sample firm simulated elsewhere (a worker with its own in-memory core, see
   * renderer/demo): bulk writes instead of thousands of commands against the person's database.
   * Every document must be sample data. A firm bigger than one command goes in as batches of one
   * load: batch 0 gets demo/load's refusal (only into a database without records), later batches
   * must name the load batch 0 opened and are refused only if real records appeared meanwhile.
   * A refused batch writes nothing of itself; a load left half-way is removed by demo/remove.
   */
  'demo/import': z.strictObject({
    collections: importCollections,
    /** Absent: the whole firm in this one command (refused like batch 0). */
    batch: z
      .strictObject({
        loadId: z.string().min(1).max(64),
        index: z.number().int().min(0).max(100_000),
      })
      .optional(),
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
