import { distinctUntilChanged, from, map, merge, startWith, switchMap } from 'rxjs';
import type { ActivityItem, ActivityOwner, MyDay } from '../api/activity-contract';
import type { QueryHandlers } from '../api/crm-api';
import type { Activity } from '../domain/entities';
import { resolveAbout } from './activity-about';
import { plain, type CoreContext } from './context';
import { subscribeLive } from './live';

type ActivityQueries = Pick<
  QueryHandlers,
  'activities/forRecord' | 'activities/myDay' | 'activities/people'
>;

/** Due time first, undated after the dated ones; ties in the order they were written. */
function byDue(a: Activity, b: Activity): number {
  const due = (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity);
  return due !== 0 && !Number.isNaN(due) ? due : a.createdAt - b.createdAt;
}

/** A record's list: what is still to do on top, then what was done, most recent first. */
export function sortForRecord(activities: Activity[]): Activity[] {
  const open = activities.filter((a) => !a.done).sort(byDue);
  const done = activities
    .filter((a) => a.done)
    .sort((a, b) => (b.doneAt ?? b.updatedAt) - (a.doneAt ?? a.updatedAt));
  return [...open, ...done];
}

interface Day {
  dayStart: number;
  dayEnd: number;
}

const within = (day: Day, at: number | undefined): at is number =>
  at !== undefined && at >= day.dayStart && at < day.dayEnd;

/** Where an activity belongs on a day's list, if anywhere. */
function sectionOf(activity: Activity, day: Day): keyof MyDay | undefined {
  if (activity.done) {
    return within(day, activity.dueAt) || within(day, activity.doneAt) ? 'done' : undefined;
  }
  if (activity.dueAt === undefined) return activity.kind === 'note' ? undefined : 'undated';
  if (activity.dueAt < day.dayStart) return 'overdue';
  return activity.dueAt < day.dayEnd ? 'scheduled' : undefined;
}

/** Done ones sit at the time they were due that day, else at the time they were done. */
const doneTime = (activity: Activity, day: Day) =>
  within(day, activity.dueAt) ? activity.dueAt : (activity.doneAt ?? activity.updatedAt);

export function planDay(activities: Activity[], day: Day): MyDay<Activity> {
  const plan: MyDay<Activity> = { overdue: [], scheduled: [], undated: [], done: [] };
  for (const activity of activities) {
    const section = sectionOf(activity, day);
    if (section) plan[section].push(activity);
  }
  plan.overdue.sort(byDue);
  plan.scheduled.sort(byDue);
  plan.undated.sort(byDue);
  plan.done.sort((a, b) => doneTime(a, day) - doneTime(b, day) || a.createdAt - b.createdAt);
  return plan;
}

/** Each owner once, under the name on their latest activity; `me` first, then by name. */
export function activityOwners(activities: Activity[], me: ActivityOwner): ActivityOwner[] {
  const latest = new Map<string, Activity>();
  for (const activity of activities) {
    const known = latest.get(activity.ownerId);
    if (!known || activity.updatedAt > known.updatedAt) latest.set(activity.ownerId, activity);
  }
  latest.delete(me.id);
  const others = [...latest.values()]
    .map((a) => ({ id: a.ownerId, name: a.ownerName }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.id.localeCompare(b.id));
  return [me, ...others];
}

export function activityQueries(ctx: CoreContext): ActivityQueries {
  const { database } = ctx;
  return {
    'activities/forRecord': ({ recordType, recordId }, onResult, onError) =>
      subscribeLive(
        database.activities
          .find({ selector: { recordId, recordType, archived: false } })
          .$.pipe(map((docs) => sortForRecord(docs.map(plain)))),
        onResult,
        onError,
      ),
    'activities/people': (_args, onResult, onError) => {
      const me = { id: ctx.currentUser.id, name: ctx.currentUser.name };
      return subscribeLive(
        database.activities.find({ selector: { archived: false } }).$.pipe(
          map((docs) => activityOwners(docs.map(plain), me)),
          distinctUntilChanged((a, b) => JSON.stringify(a) === JSON.stringify(b)),
        ),
        onResult,
        onError,
      );
    },
    'activities/myDay': ({ dayStart, dayEnd, ownerId }, onResult, onError) => {
      const day = { dayStart, dayEnd };
      /**
       * A day's list names the records it is about, so it is rebuilt when an activity or any of
       * those records changes. One rep's open activities are few: re-reading them is cheaper
       * than keeping a join live, and switchMap drops a rebuild that a newer change overtook.
       */
      const build = async (): Promise<MyDay> => {
        const owner = ownerId ?? ctx.currentUser.id;
        const docs = await database.activities
          .find({ selector: { ownerId: owner, archived: false } })
          .exec();
        const plan = planDay(docs.map(plain), day);
        const about = await resolveAbout(ctx, Object.values(plan).flat());
        const items = (list: Activity[]): ActivityItem[] =>
          list.map((activity) => ({ ...activity, about: about(activity) }));
        return {
          overdue: items(plan.overdue),
          scheduled: items(plan.scheduled),
          undated: items(plan.undated),
          done: items(plan.done),
        };
      };
      const changes = merge(
        database.activities.eventBulks$,
        database.opportunities.eventBulks$,
        database.accounts.eventBulks$,
        database.contacts.eventBulks$,
        database.leads.eventBulks$,
        database.contracts.eventBulks$,
        database.deliveries.eventBulks$,
        database.invoices.eventBulks$,
      );
      return subscribeLive(
        changes.pipe(
          startWith(null),
          switchMap(() => from(build())),
        ),
        onResult,
        onError,
      );
    },
  };
}
