import type { Pipeline } from '../domain/pipelines';
import type { RuleUser } from './actor';
import { referencesOf, type Doc } from './catalog';

/**
 * What a rule may look up besides the document it judges: other records, the pipeline a deal
 * runs through, the firm's users. Rules are pure and synchronous; each caller gathers the facts
 * first (factsNeeded says which), from wherever it keeps them: the core from its local database,
 * the server from its store inside the push transaction, overlaid with the push itself, so a
 * lookup sees the state the write would leave.
 */
export interface RuleFacts {
  /** A record of the firm, or undefined when there is none (or it is deleted). */
  record(collection: string, id: string): Doc | undefined;
  /** The firm's records of `collection` that name `id` in `field` (the payments of an invoice). */
  referencing(collection: string, field: string, id: string): Doc[];
  /** The pipeline of that id (the built-in one when the firm has not changed it). */
  pipeline(id: string): Pipeline | undefined;
  /** A user of the firm. Meaningful only where `knowsUsers` (the server). */
  user(id: string): RuleUser | undefined;
  /** The user of the firm who has this display name, if any. Meaningful only where `knowsUsers`. */
  userNamed(name: string): RuleUser | undefined;
  /** Whether any live record of the firm names this one (a referenced record is never deleted). */
  isReferenced(collection: string, id: string): boolean;
  /** Whether this record is part of the same push and not yet accepted (payments are counted in order). */
  isPending(collection: string, id: string): boolean;
  /** The server knows every user; a device knows only who is signed in on it. */
  readonly knowsUsers: boolean;
  /** When the write is judged (the server's clock on the server). */
  readonly now: number;
}

/** The lookups one write needs, so a caller can fetch them all at once (one query per kind). */
export interface FactRequests {
  records: Map<string, Set<string>>;
  referencing: Map<string, { field: string; ids: Set<string> }>;
  pipelines: Set<string>;
  users: Set<string>;
}

export function emptyFactRequests(): FactRequests {
  return { records: new Map(), referencing: new Map(), pipelines: new Set(), users: new Set() };
}

function add(map: Map<string, Set<string>>, key: string, value: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

/** Children looked up by a reference field: the payments of an invoice, the invoices of a contract. */
const CHILDREN: Record<string, { collection: string; field: string }[]> = {
  invoices: [{ collection: 'payments', field: 'invoiceId' }],
  contracts: [{ collection: 'invoices', field: 'contractId' }],
};

/**
 * Adds what judging `after` (replacing `before`) in `collection` needs: the records it names, its
 * children where a rule sums or checks them, its pipeline, and the people it names.
 */
export function addFactsNeeded(
  requests: FactRequests,
  collection: string,
  before: Doc | undefined,
  after: Doc,
): void {
  for (const doc of before ? [before, after] : [after]) {
    for (const ref of referencesOf(collection, doc)) add(requests.records, ref.collection, ref.id);
  }
  const id = String(after.id ?? '');
  for (const child of CHILDREN[collection] ?? []) {
    let entry = requests.referencing.get(child.collection);
    if (!entry)
      requests.referencing.set(child.collection, (entry = { field: child.field, ids: new Set() }));
    entry.ids.add(id);
  }
  if (typeof after.pipelineId === 'string') requests.pipelines.add(after.pipelineId);
  for (const field of ['ownerId', 'by', 'createdBy']) {
    const value = after[field];
    if (typeof value === 'string') requests.users.add(value);
  }
  const approvals = Array.isArray(after.approvals) ? (after.approvals as Doc[]) : [];
  for (const approval of approvals)
    if (typeof approval.by === 'string') requests.users.add(approval.by);
}
