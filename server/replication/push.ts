import { deepEqual } from 'rxdb/plugins/utils';
import type { Actor } from '../../shared/rules/actor';
import { isAuditCollection, referencesOf, type Doc } from '../../shared/rules/catalog';
import { accountOf, parentOf } from '../../shared/rules/visibility';
import { addFactsNeeded, emptyFactRequests } from '../../shared/rules/facts';
import { restoreHiddenFields, stampWrite, withoutHiddenFields } from '../../shared/rules/stamps';
import type { PushRefusal, PushResponse, PushRow, WireDocument } from '../../shared/sync/protocol';
import { MAX_STAGE_EVENTS_PER_ROW } from '../../shared/sync/protocol';
import { HttpError } from '../errors';
import type { BatchWrite, PushTransaction, SyncStore, UserRow } from '../store/types';
import type { SyncCollection } from './collections';
import { judge, refusalOf } from './permissions';
import { key, PushView, type Candidate } from './push-view';

/** One collection's rows of a push. */
export interface PushBatch {
  collection: SyncCollection;
  rows: readonly PushRow[];
}

export type Pusher = Pick<UserRow, 'id' | 'orgId' | 'role' | 'name'> & {
  /** The firm's users_version at the push's sign-in check (store/users-cache.ts). */
  usersVersion: number;
};

/** A pushed row while it is judged, with what came with it. */
interface Judged extends Candidate {
  row: PushRow;
  /** The stage events the row brought (its stage change), schema-checked. */
  events: Doc[];
  refusal?: PushRefusal;
}

/** What the server stamps on an audit entry: compared without, a re-sent entry is the same. */
const AUDIT_STAMPS = ['byName', 'role', 'receivedAt'];

function withoutStamps(doc: Doc): Doc {
  const out = { ...doc };
  for (const field of AUDIT_STAMPS) delete out[field];
  delete out._deleted;
  return out;
}

function sameEntry(stored: WireDocument, sent: Doc): boolean {
  return deepEqual(withoutStamps(stored), withoutStamps(sent));
}

function fieldsOf(doc: WireDocument): Doc {
  const { _deleted, ...fields } = doc;
  return fields;
}

function documentId(collection: SyncCollection, row: PushRow, index: number): string {
  const id = row.newDocumentState[collection.primaryKey];
  if (typeof id !== 'string' || id.length === 0) {
    // Without its key a row cannot even be named in `refused`: the request itself is broken.
    const field = `[${index}].newDocumentState.${collection.primaryKey}`;
    throw new HttpError(400, 'validation', `${field} must be a non-empty string`, field);
  }
  return id;
}

/** Schema problems of one row and of the stage events it brings, or undefined. */
function invalidity(
  collection: SyncCollection,
  events: SyncCollection | undefined,
  row: PushRow,
  id: string,
): Omit<PushRefusal, 'id' | 'code'> | undefined {
  const { _deleted, ...fields } = row.newDocumentState;
  if (typeof _deleted !== 'boolean') {
    return { field: '_deleted', message: '_deleted is required and must be true or false' };
  }
  const assumed = row.assumedMasterState;
  if (assumed && assumed[collection.primaryKey] !== id) {
    const field = `assumedMasterState.${collection.primaryKey}`;
    return { field, message: `${field} must be the same document as newDocumentState` };
  }
  const problem = collection.validate(fields);
  if (problem) return problem;
  const brought = row.stageEvents ?? [];
  if (!Array.isArray(brought) || brought.length > MAX_STAGE_EVENTS_PER_ROW) {
    return {
      field: 'stageEvents',
      message: `stageEvents must be a list of at most ${MAX_STAGE_EVENTS_PER_ROW}`,
    };
  }
  for (const [i, event] of brought.entries()) {
    const isObject = typeof event === 'object' && event !== null && !Array.isArray(event);
    // A stage event brought along is a live document: `_deleted`, if sent, can only be false.
    const { _deleted: gone, ...eventFields } = isObject ? (event as Record<string, unknown>) : {};
    const eventProblem =
      events && isObject && gone !== true
        ? events.validate(eventFields)
        : { message: 'must be a stage event' };
    if (eventProblem) {
      const field = `stageEvents[${i}]${eventProblem.field ? `.${eventProblem.field}` : ''}`;
      return { field, message: `${field}: ${eventProblem.message}` };
    }
  }
  return undefined;
}

/**
 * RxDB's push, for the rows of one or several collections in one store transaction. Every row is
 * schema-checked first. Then, against the stored masters: a row equal to its master (after the
 * server's stamps) was applied before (a retry after a lost response) and is skipped; a row that
 * did not start from the master is a conflict (the master goes back for the client's merge);
 * every other row is judged by the rulebook (shared/rules) in the pusher's role, with lookups
 * that see the push itself, and written with the server's stamps, its stage events with it.
 * Refused rows never block the others; a refusal that changes what the others see (a refused
 * contract, which its invoices name) has them judged again.
 */
export async function pushBatches(
  store: SyncStore,
  pusher: Pusher,
  batches: readonly PushBatch[],
  events: SyncCollection | undefined,
  now: () => number,
): Promise<Map<string, PushResponse>> {
  const judged = new Map<string, Judged>();
  const invalid: { collection: string; refusal: PushRefusal }[] = [];
  for (const { collection, rows } of batches) {
    const seen = new Set<string>();
    rows.forEach((row, index) => {
      const id = documentId(collection, row, index);
      if (seen.has(id)) {
        const message = `document ${id} appears more than once in one push`;
        invalid.push({ collection: collection.name, refusal: { id, code: 'invalid', message } });
        return;
      }
      seen.add(id);
      const problem = invalidity(collection, events, row, id);
      if (problem) {
        invalid.push({ collection: collection.name, refusal: { id, code: 'invalid', ...problem } });
        return;
      }
      const { _deleted, ...fields } = row.newDocumentState;
      judged.set(key(collection.name, id), {
        collection: collection.name,
        id,
        row,
        next: fields,
        deleted: _deleted,
        master: undefined,
        state: 'pending',
        events: (row.stageEvents ?? []).map(({ _deleted: _, ...event }) => event as Doc),
      });
    });
  }

  const actor: Actor = { id: pusher.id, name: pusher.name, role: pusher.role };
  // Read before the transaction: SQLite's one connection is the transaction's until it ends.
  const users = judged.size > 0 ? await store.firmUsers(pusher.orgId, pusher.usersVersion) : [];
  if (judged.size > 0) {
    await store.pushBatch(pusher.orgId, (trx) => decide(trx, actor, judged, users, now()));
  }

  const responses = new Map<string, PushResponse>();
  const response = (collection: string) => {
    let found = responses.get(collection);
    if (!found) responses.set(collection, (found = { conflicts: [], refused: [] }));
    return found;
  };
  for (const { collection } of batches) response(collection.name);
  for (const { collection, refusal } of invalid) response(collection).refused.push(refusal);
  for (const candidate of judged.values()) {
    if (candidate.state === 'conflict' && candidate.master) {
      response(candidate.collection).conflicts.push({
        ...withoutHiddenFields(actor, candidate.collection, candidate.master),
        _deleted: candidate.master._deleted,
      } as WireDocument);
    } else if (candidate.state === 'refused' && candidate.refusal) {
      response(candidate.collection).refused.push(candidate.refusal);
    }
  }
  return responses;
}

/** The push transaction's decision: reads, judges and returns the writes. */
async function decide(
  trx: PushTransaction,
  actor: Actor,
  judged: Map<string, Judged>,
  users: readonly UserRow[],
  now: number,
): Promise<BatchWrite[]> {
  // The store may run this again (a retried transaction): start from scratch every time.
  const byCollection = new Map<string, string[]>();
  for (const candidate of judged.values()) {
    candidate.state = 'pending';
    delete candidate.refusal;
    const ids = byCollection.get(candidate.collection) ?? [];
    ids.push(candidate.id);
    byCollection.set(candidate.collection, ids);
  }
  const eventIds = [...judged.values()].flatMap((c) => c.events.map((e) => String(e.id)));
  // The masters and the stage events they bring, in one read.
  const stored = await trx.read(
    new Map([
      ...byCollection,
      ['stageevents', [...(byCollection.get('stageevents') ?? []), ...eventIds]],
    ]),
  );
  for (const candidate of judged.values()) {
    candidate.master = stored.get(key(candidate.collection, candidate.id));
  }
  const storedEvents = new Map<string, WireDocument>();
  for (const id of eventIds) {
    const event = stored.get(key('stageevents', id));
    if (event) storedEvents.set(id, event);
  }

  const view = new PushView(judged, users, now);
  const requests = emptyFactRequests();
  const deletions = new Map<string, Set<string>>();
  for (const candidate of judged.values()) {
    const before = candidate.master && fieldsOf(candidate.master);
    candidate.next = restoreHiddenFields(actor, candidate.collection, before, candidate.next);
    if (isAuditCollection(candidate.collection)) {
      if (candidate.master) {
        candidate.state = sameEntry(candidate.master, candidate.next) ? 'unchanged' : 'refused';
        if (candidate.state === 'refused') {
          (candidate as Judged).refusal = refusalOf(candidate.id, [{ code: 'appendOnly' }]);
        }
        continue;
      }
    } else if (candidate.master) {
      const stamped = stampWrite(actor, candidate.collection, before, candidate.next, view);
      if (deepEqual(candidate.master, { ...stamped, _deleted: candidate.deleted })) {
        candidate.state = 'unchanged';
        continue;
      }
      const seen = withoutHiddenFields(actor, candidate.collection, candidate.master);
      const assumed = candidate.row.assumedMasterState;
      if (!assumed || !deepEqual(assumed, seen)) {
        candidate.state = 'conflict';
        continue;
      }
    }
    addFactsNeeded(requests, candidate.collection, before, candidate.next);
    if (candidate.deleted) {
      const ids = deletions.get(candidate.collection) ?? new Set<string>();
      ids.add(candidate.id);
      deletions.set(candidate.collection, ids);
    }
  }
  await view.load(trx, requests, deletions);

  // Judge until nothing more is refused: each refusal can change what the others see.
  for (let changed = true; changed;) {
    changed = false;
    for (const candidate of judged.values()) {
      if (candidate.state !== 'pending' && candidate.state !== 'accepted') continue;
      const refusal = judgeCandidate(actor, candidate, judged, storedEvents, view);
      if (refusal) {
        candidate.state = 'refused';
        candidate.refusal = refusal;
        changed = true;
      } else {
        candidate.state = 'accepted';
      }
    }
  }

  const writes: BatchWrite[] = [];
  for (const candidate of judged.values()) {
    if (candidate.state !== 'accepted') continue;
    const before = candidate.master && fieldsOf(candidate.master);
    const data = stampWrite(actor, candidate.collection, before, candidate.next, view);
    const audience = audienceOf(
      candidate.collection,
      candidate.master ? fieldsOf(candidate.master) : undefined,
      data,
      view,
    );
    for (const event of candidate.events) {
      if (storedEvents.has(String(event.id))) continue;
      const stamped = stampWrite(actor, 'stageevents', undefined, event, view);
      writes.push({
        collection: 'stageevents',
        id: String(event.id),
        data: { ...stamped, _deleted: false },
        updatedBy: actor.id,
        audience,
        created: true,
      });
    }
    writes.push({
      collection: candidate.collection,
      id: candidate.id,
      data: { ...data, _deleted: candidate.deleted },
      updatedBy: actor.id,
      audience,
      created: candidate.master === undefined,
    });
  }
  if (trx.visibility === 'own') await trx.bumpViews(await viewsChanged(trx, judged, users));
  return writes;
}

/** The rulebook's verdict on one candidate, as a refusal, or undefined when it is accepted. */
function judgeCandidate(
  actor: Actor,
  candidate: Judged,
  judged: ReadonlyMap<string, Judged>,
  storedEvents: ReadonlyMap<string, WireDocument>,
  view: PushView,
): PushRefusal | undefined {
  const changedEvent = candidate.events.find((event) => {
    const stored = storedEvents.get(String(event.id));
    return stored && !sameEntry(stored, event);
  });
  if (changedEvent) return refusalOf(candidate.id, [{ code: 'appendOnly', field: 'stageEvents' }]);
  if (isAuditCollection(candidate.collection)) {
    // A history entry of a change refused in this same push describes what did not happen.
    const [record] = referencesOf(candidate.collection, candidate.next);
    const recordRow = record && judged.get(key(record.collection, record.id));
    if (recordRow?.state === 'refused') {
      return refusalOf(candidate.id, [{ code: 'recordRefused', field: 'recordId' }]);
    }
  }
  const before = candidate.master && fieldsOf(candidate.master);
  // Stage events already stored belong to the history before this change.
  const events = candidate.events.filter((event) => !storedEvents.has(String(event.id)));
  return judge(
    actor,
    candidate.collection,
    before,
    candidate.next,
    candidate.deleted,
    events,
    view,
  );
}

/**
 * With "own records" visibility, whose view the push changes: a record handed to someone else
 * (the old owner loses it, the new one gains it), moved to another account, or deleted; and a
 * person's first record on an account colleagues already work on (they gain the account). Their
 * managers see their team's, so they are counted too. Each then pulls everything again once
 * (shared/sync/replication.ts), which brings what they gained and drops what they lost.
 */
async function viewsChanged(
  trx: PushTransaction,
  judged: ReadonlyMap<string, Judged>,
  users: readonly UserRow[],
): Promise<string[]> {
  const affected = new Set<string>();
  const firstOnAccount: { owner: string; account: string }[] = [];
  for (const candidate of judged.values()) {
    if (candidate.state !== 'accepted' || isAuditCollection(candidate.collection)) continue;
    const before =
      candidate.master && !candidate.master._deleted ? fieldsOf(candidate.master) : undefined;
    const after = candidate.deleted ? undefined : candidate.next;
    const owner = (doc: Doc | undefined) =>
      typeof doc?.ownerId === 'string' ? doc.ownerId : undefined;
    const account = (doc: Doc | undefined) => doc && accountOf(candidate.collection, doc);
    if (owner(before) === owner(after) && account(before) === account(after)) continue;
    const was = owner(before);
    const now = owner(after);
    if (was) affected.add(was);
    if (now && before && was !== now) affected.add(now);
    const on = account(after);
    if (now && on && !(before && was === now && account(before) === on)) {
      firstOnAccount.push({ owner: now, account: on });
    }
  }
  if (firstOnAccount.length > 0) {
    const owners = await trx.ownersOn(firstOnAccount.map((gain) => gain.account));
    for (const { owner, account } of firstOnAccount) {
      const working = owners.get(account) ?? new Set<string>();
      if (!working.has(owner) && [...working].some((other) => other !== owner)) affected.add(owner);
    }
  }
  for (const user of users) {
    if (affected.has(user.id) && user.managerId) affected.add(user.managerId);
  }
  return [...affected];
}

/**
 * Whose record a written document is, and which account's (or those of the record it hangs on):
 * the event stream tells those who may see it. A handed-over record names its new owner; the one
 * who lost it is told by their raised view epoch (viewsChanged).
 */
function audienceOf(
  collection: string,
  before: Doc | undefined,
  after: Doc,
  view: PushView,
): { owner?: string; account?: string } {
  let doc: Doc | undefined = after;
  let of = collection;
  for (let depth = 0; doc && depth < 3; depth++) {
    const owner = typeof doc.ownerId === 'string' ? doc.ownerId : undefined;
    const account = accountOf(of, doc);
    if (owner || account) return { ...(owner ? { owner } : {}), ...(account ? { account } : {}) };
    const parent = parentOf(of, doc);
    if (!parent) break;
    doc = view.record(parent.collection, parent.id);
    of = parent.collection;
  }
  const owner = typeof before?.ownerId === 'string' ? before.ownerId : undefined;
  return owner ? { owner } : {};
}
