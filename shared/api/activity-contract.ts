import { z } from 'zod';
import type { Account, Activity, Contact } from '../domain/entities';
import { ACTIVITY_KINDS } from '../domain/entities';
import { PHASES } from '../domain/phases';
import { id, optionalText, requiredText } from './fields';
import type { OpportunityCard } from './queries';

/**
 * The activities part of the CrmApi contract: calls, visits, meetings, notes and tasks on any
 * record, and the "My day" list a rep on the road works through. Merged into commandSchemas /
 * querySchemas with one spread each, like sync-contract.ts.
 */

/** What an activity can be about: the two master records and every LTC phase's record. */
export const ACTIVITY_RECORD_TYPES = ['account', 'contact', ...PHASES] as const;
export type ActivityRecordType = (typeof ACTIVITY_RECORD_TYPES)[number];

/** An instant in epoch milliseconds, within what the schema (and Date) can hold. */
const epochMs = z.number().int().min(0).max(8_640_000_000_000_000);

/** Fields a person edits after creating; the record an activity is about never changes. */
const editableFields = {
  kind: z.enum(ACTIVITY_KINDS),
  subject: requiredText(200),
  // null clears the due time on update; undefined leaves it alone.
  dueAt: epochMs.nullable().optional(),
  done: z.boolean().optional(),
  notes: optionalText(4000),
};

/** The longest local day (a DST change gives 23 or 25 hours), with room for odd zones. */
const MAX_DAY_MS = 26 * 60 * 60 * 1000;

export const activityCommandSchemas = {
  'activities/create': z.strictObject({
    ...editableFields,
    recordType: z.enum(ACTIVITY_RECORD_TYPES),
    recordId: id,
  }),
  'activities/update': z.strictObject({
    id,
    patch: z.strictObject(editableFields).partial(),
  }),
  /**
   * Sets the done state to what the checkbox shows, rather than flipping it: a double click or a
   * replayed command then cannot undo itself.
   */
  'activities/complete': z.strictObject({ id, done: z.boolean() }),
  'activities/archive': z.strictObject({ id }),
} as const;

export interface ActivityCommandResults {
  'activities/create': Activity;
  'activities/update': Activity;
  'activities/complete': Activity;
  'activities/archive': Activity;
}

/**
 * The record an activity is about, resolved by the core so a list can name it and open it.
 * `other` is a record with no dialog yet (a lead, contract…) or one not on this device (yet).
 */
export type ActivityAbout =
  | { type: 'opportunity'; title: string; card: OpportunityCard }
  | { type: 'account'; title: string; account: Account }
  | { type: 'contact'; title: string; contact: Contact; accountName?: string }
  | { type: 'other'; title: string };

export interface ActivityItem extends Activity {
  about: ActivityAbout;
}

/** One rep's day, in the order it is worked through. */
export interface MyDay<T = ActivityItem> {
  /** Not done, due before the day: oldest first. */
  overdue: T[];
  /** Not done, due within the day: by time. */
  scheduled: T[];
  /** Not done and without a due time (notes excepted: a note is not something to do). */
  undated: T[];
  /** Done, and due or completed within the day: struck through at the bottom, by time. */
  done: T[];
}

export const activityQuerySchemas = {
  /** Open ones first (by due time, undated last), then done ones, most recent first. */
  'activities/forRecord': z.strictObject({
    recordType: z.enum(ACTIVITY_RECORD_TYPES),
    recordId: id,
  }),
  /**
   * The day is [dayStart, dayEnd) in epoch ms, computed by the renderer in the device's own time
   * zone: the core runs in Electron main or a page and must not guess where the rep is.
   * ownerId defaults to the current user.
   */
  'activities/myDay': z
    .strictObject({
      dayStart: epochMs,
      dayEnd: epochMs,
      ownerId: z.string().min(1).max(64).optional(),
    })
    .refine((day) => day.dayEnd > day.dayStart && day.dayEnd - day.dayStart <= MAX_DAY_MS, {
      path: ['dayEnd'],
    }),
  /**
   * Everyone whose day can be looked at: the owners of the activities on this device (a
   * manager's team, or the people of the sample firm), each once, the current user first.
   */
  'activities/people': z.strictObject({}),
} as const;

/** A person who owns activities, as My day offers them. */
export interface ActivityOwner {
  id: string;
  name: string;
}

export interface ActivityQueryResults {
  'activities/forRecord': Activity[];
  'activities/myDay': MyDay;
  'activities/people': ActivityOwner[];
}

export type ActivityCommandName = keyof typeof activityCommandSchemas;
export type ActivityQueryName = keyof typeof activityQuerySchemas;
