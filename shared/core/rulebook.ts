import type { RxCollection, RxDocumentData } from 'rxdb';
import { CrmError, validationError, type FieldIssue } from '../api/errors';
import { isSampleDocument } from '../demo/marker';
import type { Pipeline } from '../domain/pipelines';
import type { Actor, RuleUser } from '../rules/actor';
import {
  isAuditCollection,
  isRuled,
  dependsOn,
  phaseOf,
  referrersOf,
  type Doc,
} from '../rules/catalog';
import { checkWrite } from '../rules/check-write';
import {
  addFactsNeeded,
  emptyFactRequests,
  type FactRequests,
  type RuleFacts,
} from '../rules/facts';
import { refusalMessage } from '../rules/messages';
import { stageChainOf } from '../rules/stage-chain';
import type { Refusal } from '../rules/verdict';
import { withoutMeta, type CoreContext } from './context';
import type { LtcDatabase } from './database';

/*
 * The rulebook (shared/rules) at the core's one place of writing: every insert, save and delete of
 * a ruled collection, whatever command makes it, is judged before RxDB writes it, as the person
 * signed in on this device, offline included. So a rep's device never saves what the sync server
 * would refuse. Commands still check their own gates first (they answer with what the gate
 * dialog lists); this is the same rulebook the server runs, as the last word.
 *
 * Not judged: sample data (a local try-out that never syncs), stage events on their own (they are
 * judged with the record whose stage they change), and the sync engine's housekeeping: writing
 * the server's state back, and handing records made before sign-in to the signed-in person.
 */

const housekept = new WeakMap<LtcDatabase | object, Set<string>>();
const docKey = (collection: string, id: string) => `${collection}|${id}`;

/**
 * Runs `write` on these documents without the rulebook: the sync engine's housekeeping (the
 * server's own state written back, records handed over at sign-in), and tests' fixtures that
 * stand for data synced from colleagues.
 */
export async function writeUnjudged<T>(
  database: object,
  collection: string,
  ids: readonly string[],
  write: () => Promise<T>,
): Promise<T> {
  let keys = housekept.get(database);
  if (!keys) housekept.set(database, (keys = new Set()));
  const mine = ids.map((id) => docKey(collection, id)).filter((key) => !keys.has(key));
  for (const key of mine) keys.add(key);
  try {
    return await write();
  } finally {
    for (const key of mine) keys.delete(key);
  }
}

type AnyCollection = RxCollection<Doc>;

function collectionOf(database: LtcDatabase, name: string): AnyCollection | undefined {
  return (database.collections as unknown as Record<string, AnyCollection | undefined>)[name];
}

async function plainDocs(
  collection: AnyCollection | undefined,
  ids: Iterable<string>,
): Promise<Doc[]> {
  const list = [...ids];
  if (!collection || list.length === 0) return [];
  const found = await collection.findByIds(list).exec();
  return [...found.values()].map((doc) => withoutMeta(doc._data as RxDocumentData<Doc>));
}

/** The facts a device has: its own database, and only itself among the firm's people. */
async function localFacts(
  ctx: CoreContext,
  actor: Actor,
  requests: FactRequests,
  deletion?: { collection: string; id: string },
): Promise<RuleFacts> {
  const { database } = ctx;
  const records = new Map<string, Doc>();
  for (const [name, ids] of [...requests.records, ['pipelines', requests.pipelines] as const]) {
    for (const doc of await plainDocs(collectionOf(database, name), ids)) {
      records.set(docKey(name, String(doc.id)), doc);
    }
  }
  const children = new Map<string, Doc[]>();
  for (const [name, { field, ids }] of requests.referencing) {
    const collection = collectionOf(database, name);
    if (!collection) continue;
    const found = await collection.find({ selector: { [field]: { $in: [...ids] } } }).exec();
    for (const doc of found) {
      const data = withoutMeta(doc._data as RxDocumentData<Doc>);
      const listKey = docKey(name, `${field}|${String(data[field])}`);
      children.set(listKey, [...(children.get(listKey) ?? []), data]);
    }
  }
  let referenced = false;
  if (deletion) {
    for (const { collection, field } of referrersOf(deletion.collection)) {
      const found = await collectionOf(database, collection)
        ?.find({ selector: { [field]: deletion.id } })
        .exec();
      // Only a record that depends on it protects it (not a work-in-progress stamp).
      referenced ||= (found ?? []).some((doc) => {
        const data = doc._data as Doc;
        return (
          !isSampleDocument(data) &&
          dependsOn(collection, data).some(
            (ref) => ref.collection === deletion.collection && ref.id === deletion.id,
          )
        );
      });
    }
  }
  const self: RuleUser | undefined = actor.role
    ? { id: actor.id, name: actor.name, role: actor.role }
    : undefined;
  return {
    knowsUsers: false,
    now: ctx.now(),
    record: (collection, id) => records.get(docKey(collection, id)),
    referencing: (collection, field, id) =>
      children.get(docKey(collection, `${field}|${id}`)) ?? [],
    pipeline: (id) => records.get(docKey('pipelines', id)) as Pipeline | undefined,
    user: (id) => (self && id === self.id ? self : undefined),
    userNamed: () => undefined,
    isReferenced: () => referenced,
    isPending: () => false,
  };
}

/** Refusals as the error a command answers: field errors as ValidationError, the rest as RuleRefused. */
const FIELD_CODES: Partial<Record<Refusal['code'], FieldIssue['code']>> = {
  referenceMissing: 'notFound',
  heldField: 'required',
  gateFields: 'required',
  stampedField: 'invalid',
  paymentCurrency: 'invalid',
  auditField: 'invalid',
};

export function refusalError(refusals: readonly Refusal[]): CrmError {
  const message = refusals.map(refusalMessage).join('; ');
  const fields = refusals.flatMap((refusal): FieldIssue[] => {
    const code = FIELD_CODES[refusal.code];
    return code && refusal.field ? [{ field: refusal.field, code }] : [];
  });
  if (fields.length === refusals.length) return validationError(fields, message);
  return new CrmError({ type: 'RuleRefused', message, refusals: [...refusals] });
}

function actorOf(ctx: CoreContext): Actor {
  const { id, name, role } = ctx.currentUser;
  return role ? { id, name, role } : { id, name };
}

async function judgeLocalWrite(
  ctx: CoreContext,
  name: string,
  before: Doc | undefined,
  after: Doc,
  deleted: boolean,
): Promise<void> {
  const id = String(after.id);
  if (housekept.get(ctx.database)?.has(docKey(name, id))) return;
  if (isSampleDocument(after) || (before && isSampleDocument(before))) return;
  // A stage event is judged with its record's write (which follows it), never alone.
  if (name === 'stageevents') return;
  if (isAuditCollection(name) && deleted) return;
  const actor = actorOf(ctx);
  const requests = emptyFactRequests();
  addFactsNeeded(requests, name, before, after);
  const facts = await localFacts(
    ctx,
    actor,
    requests,
    deleted ? { collection: name, id } : undefined,
  );
  let stageEvents: Doc[] = [];
  if (phaseOf(name) && !deleted) {
    const found = await ctx.database.stageevents?.find({ selector: { recordId: id } }).exec();
    const local = (found ?? []).map((doc) => withoutMeta(doc._data) as unknown as Doc);
    stageEvents = stageChainOf(local, before, after);
  }
  const verdict = checkWrite({
    actor,
    collection: name,
    before,
    after,
    deleted,
    stageEvents,
    facts,
  });
  if (!verdict.ok) throw refusalError(verdict.refusals);
}

/** Installs the rulebook on every ruled collection of the context's database (once per database). */
export function enforceRulebook(ctx: CoreContext): void {
  const collections = ctx.database.collections as unknown as Record<string, AnyCollection>;
  for (const [name, collection] of Object.entries(collections)) {
    if (!isRuled(name) || enforced.has(collection)) continue;
    enforced.add(collection);
    collection.preInsert(
      (data: Doc) => judgeLocalWrite(ctx, name, undefined, strip(data), false),
      false,
    );
    collection.preSave(
      (data: Doc, old: Doc) =>
        judgeLocalWrite(ctx, name, strip(old), strip(data), data._deleted === true),
      false,
    );
    collection.preRemove(
      (data: Doc) => judgeLocalWrite(ctx, name, strip(data), strip(data), true),
      false,
    );
  }
}

const enforced = new WeakSet<object>();

function strip(data: Doc): Doc {
  return withoutMeta(data as RxDocumentData<Doc>);
}
