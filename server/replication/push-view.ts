import type { Pipeline } from '../../shared/domain/pipelines';
import type { RuleUser } from '../../shared/rules/actor';
import { dependsOn, type Doc } from '../../shared/rules/catalog';
import type { FactRequests, RuleFacts } from '../../shared/rules/facts';
import type { WireDocument } from '../../shared/sync/protocol';
import type { PushTransaction, UserRow } from '../store/types';

/** A pushed document while its push is judged. */
export interface Candidate {
  collection: string;
  id: string;
  /** The pushed fields (hidden fields restored), without `_deleted`. */
  next: Doc;
  deleted: boolean;
  master: WireDocument | undefined;
  state: 'pending' | 'accepted' | 'unchanged' | 'conflict' | 'refused';
}

export const key = (collection: string, id: string) => `${collection}|${id}`;

function live(doc: WireDocument | undefined): Doc | undefined {
  if (!doc || doc._deleted) return undefined;
  const { _deleted, ...fields } = doc;
  return fields;
}

/**
 * The rulebook's facts on the server: the stored documents the push names, read inside its
 * transaction, overlaid with the push itself. A candidate still in the running (pending or
 * accepted) shows its pushed state; one refused or in conflict shows what is stored. So a payment
 * sees the invoice its push issued, and a contract the invoices paid in the same push.
 */
export class PushView implements RuleFacts {
  readonly knowsUsers = true;
  private readonly stored = new Map<string, WireDocument>();
  private readonly children = new Map<string, WireDocument[]>();
  private referencedIds = new Set<string>();
  private readonly usersById: Map<string, RuleUser>;
  private readonly usersByName = new Map<string, RuleUser>();

  constructor(
    private readonly candidates: ReadonlyMap<string, Candidate>,
    users: readonly UserRow[],
    readonly now: number,
  ) {
    const rules = users.map((u) => ({
      id: u.id,
      name: u.name,
      role: u.role,
      disabled: u.disabled,
    }));
    this.usersById = new Map(rules.map((u) => [u.id, u]));
    for (const user of rules)
      if (!this.usersByName.has(user.name)) this.usersByName.set(user.name, user);
  }

  /** Reads everything the requests name, in one query per collection and kind. */
  async load(trx: PushTransaction, requests: FactRequests, deletions: Map<string, Set<string>>) {
    const records = new Map(requests.records);
    if (requests.pipelines.size > 0) {
      records.set(
        'pipelines',
        new Set([...(records.get('pipelines') ?? []), ...requests.pipelines]),
      );
    }
    const missing = new Map<string, string[]>();
    for (const [collection, ids] of records) {
      missing.set(
        collection,
        [...ids].filter((id) => !this.stored.has(key(collection, id))),
      );
    }
    for (const [at, doc] of await trx.read(missing)) this.stored.set(at, doc);
    for (const [collection, { field, ids }] of requests.referencing) {
      for (const doc of await trx.referencing(collection, field, [...ids])) {
        const name = key(collection, `${field}|${String(doc[field])}`);
        const list = this.children.get(name) ?? [];
        list.push(doc);
        this.children.set(name, list);
        this.stored.set(key(collection, String(doc.id)), doc);
      }
    }
    for (const [collection, ids] of deletions) {
      for (const id of await trx.referenced(collection, [...ids]))
        this.referencedIds.add(key(collection, id));
    }
  }

  private inPush(collection: string, id: string): Candidate | undefined {
    const candidate = this.candidates.get(key(collection, id));
    return candidate && (candidate.state === 'pending' || candidate.state === 'accepted')
      ? candidate
      : undefined;
  }

  record(collection: string, id: string): Doc | undefined {
    const candidate = this.candidates.get(key(collection, id));
    if (candidate && (candidate.state === 'pending' || candidate.state === 'accepted')) {
      return candidate.deleted ? undefined : candidate.next;
    }
    if (candidate) return live(candidate.master);
    return live(this.stored.get(key(collection, id)));
  }

  referencing(collection: string, field: string, id: string): Doc[] {
    const out = new Map<string, Doc>();
    for (const doc of this.children.get(key(collection, `${field}|${id}`)) ?? []) {
      const current = this.record(collection, String(doc.id));
      if (current && current[field] === id) out.set(String(doc.id), current);
    }
    for (const candidate of this.candidates.values()) {
      if (candidate.collection !== collection || out.has(candidate.id)) continue;
      const current = this.record(collection, candidate.id);
      if (current && current[field] === id) out.set(candidate.id, current);
    }
    return [...out.values()];
  }

  pipeline(id: string): Pipeline | undefined {
    return this.record('pipelines', id) as Pipeline | undefined;
  }

  user(id: string): RuleUser | undefined {
    return this.usersById.get(id);
  }

  userNamed(name: string): RuleUser | undefined {
    return this.usersByName.get(name);
  }

  isReferenced(collection: string, id: string): boolean {
    if (this.referencedIds.has(key(collection, id))) return true;
    for (const candidate of this.candidates.values()) {
      if (!this.inPush(candidate.collection, candidate.id) || candidate.deleted) continue;
      if (
        dependsOn(candidate.collection, candidate.next).some(
          (r) => r.collection === collection && r.id === id,
        )
      ) {
        return true;
      }
    }
    return false;
  }

  isPending(collection: string, id: string): boolean {
    return this.inPush(collection, id) !== undefined;
  }
}
