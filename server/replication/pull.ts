import type { Doc } from '../../shared/rules/catalog';
import { withoutHiddenFields } from '../../shared/rules/stamps';
import {
  inScope,
  parentOf,
  peopleOf,
  seesEverything,
  type ViewScope,
  type VisibilityMode,
} from '../../shared/rules/visibility';
import type { PullResponse, WireDocument } from '../../shared/sync/protocol';
import type { StoredDocument, SyncStore, UserRow } from '../store/types';

/** Rows read at a time while looking for what a person may see. */
const SCAN_CHUNK = 500;

/** The people and accounts a person sees under "own" visibility (shared/rules/visibility.ts). */
export async function viewScopeOf(
  store: SyncStore,
  user: Pick<UserRow, 'id' | 'orgId' | 'role'>,
): Promise<ViewScope> {
  const users = await store.listUsers(user.orgId);
  const managers = new Map(users.map((u) => [u.id, u.managerId ?? undefined]));
  const people = peopleOf(user, (id) => managers.get(id), [...managers.keys()]);
  return { people, accounts: await store.workedAccounts(user.orgId, [...people]) };
}

const key = (collection: string, id: string) => `${collection}|${id}`;

/**
 * Decides which documents a person sees, looking up the records that payments, stage events,
 * field changes and activities hang on, a level at a time (a field change of a payment hangs on
 * the payment, which hangs on its invoice), each looked up once.
 */
class ScopeJudge {
  private readonly known = new Map<string, boolean>();
  constructor(
    private readonly store: SyncStore,
    private readonly orgId: string,
    private readonly scope: ViewScope,
  ) {}

  async visible(collection: string, docs: readonly Doc[]): Promise<boolean[]> {
    await this.resolveParents(docs.map((doc) => ({ collection, doc })));
    return docs.map((doc) => this.decide(collection, doc));
  }

  private decide(collection: string, doc: Doc): boolean {
    return inScope(
      collection,
      doc,
      this.scope,
      (parent) => this.known.get(key(parent.collection, parent.id)) ?? false,
    );
  }

  /** Looks up (and decides) every parent the documents need, deepest first. */
  private async resolveParents(items: { collection: string; doc: Doc }[]): Promise<void> {
    const wanted = new Map<string, Set<string>>();
    for (const { collection, doc } of items) {
      const parent = parentOf(collection, doc);
      if (!parent || this.known.has(key(parent.collection, parent.id))) continue;
      const ids = wanted.get(parent.collection) ?? new Set<string>();
      ids.add(parent.id);
      wanted.set(parent.collection, ids);
    }
    if (wanted.size === 0) return;
    const found: { collection: string; doc: Doc }[] = [];
    for (const [collection, ids] of wanted) {
      const docs = await this.store.read(this.orgId, collection, [...ids]);
      for (const id of ids) {
        const doc = docs.get(id);
        if (doc) found.push({ collection, doc });
        else this.known.set(key(collection, id), false);
      }
    }
    await this.resolveParents(found);
    for (const { collection, doc } of found) {
      this.known.set(key(collection, String(doc.id)), this.decide(collection, doc));
    }
  }
}

/**
 * A pull as `user` may see it: with "everyone" visibility (or for an admin) every document; with
 * "own", only what is in their scope, read on until the page is full or the collection ends (a
 * page shorter than asked tells the client it has everything). Fields only managers see are
 * left out for a rep. `view` is the person's view epoch (tables.ts): when it changes, the client
 * pulls everything again and drops what it no longer sees.
 */
export async function pullFor(
  store: SyncStore,
  user: Pick<UserRow, 'id' | 'orgId' | 'role'>,
  collection: string,
  seq: number,
  limit: number,
): Promise<PullResponse> {
  const [org, fresh] = await Promise.all([
    store.getOrganisation(user.orgId),
    store.getUser(user.orgId, user.id),
  ]);
  const mode: VisibilityMode = org?.visibility ?? 'everyone';
  const view = fresh?.viewEpoch ?? 0;
  const epoch = { epoch: await store.epoch(), since: org?.epochSeq ?? 0 };
  const answer = (documents: WireDocument[], checkpoint: number): PullResponse => ({
    documents,
    checkpoint: { seq: checkpoint, epoch: epoch.epoch },
    view,
    epoch,
  });
  const shown = (row: StoredDocument) =>
    withoutHiddenFields(user, collection, row.data) as WireDocument;
  if (seesEverything(mode, user)) {
    const rows = await store.pull(user.orgId, collection, seq, limit);
    const last = rows[rows.length - 1];
    return answer(rows.map(shown), last ? last.seq : seq);
  }
  const judge = new ScopeJudge(store, user.orgId, await viewScopeOf(store, user));
  const documents: WireDocument[] = [];
  let cursor = seq;
  let checkpoint = seq;
  for (;;) {
    const rows = await store.pull(user.orgId, collection, cursor, Math.max(limit, SCAN_CHUNK));
    if (rows.length === 0) break;
    const visible = await judge.visible(
      collection,
      rows.map((row) => row.data),
    );
    for (const [i, row] of rows.entries()) {
      cursor = row.seq;
      if (!visible[i]) continue;
      documents.push(shown(row));
      checkpoint = row.seq;
      if (documents.length === limit) return answer(documents, checkpoint);
    }
    // Everything read so far was looked at: the next pull starts after it.
    checkpoint = cursor;
    if (rows.length < Math.max(limit, SCAN_CHUNK)) break;
  }
  return answer(documents, checkpoint);
}
