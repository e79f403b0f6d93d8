import type { Pipeline } from '../domain/pipelines';
import type { RuleUser } from './actor';
import { dependsOn, type Doc } from './catalog';
import type { RuleFacts } from './facts';

/**
 * Facts over plain maps, for the rulebook's own tests (not imported by product code): records by
 * collection, the firm's users, and which records count as part of the push being judged.
 */
export function factsOf(
  records: Record<string, Doc[]> = {},
  users: RuleUser[] = [],
  options: { pending?: string[]; now?: number; knowsUsers?: boolean } = {},
): RuleFacts {
  const find = (collection: string, id: string) =>
    (records[collection] ?? []).find((doc) => doc.id === id && doc._deleted !== true);
  return {
    knowsUsers: options.knowsUsers ?? true,
    now: options.now ?? Date.UTC(2026, 5, 1),
    record: find,
    referencing: (collection, field, id) =>
      (records[collection] ?? []).filter((doc) => doc[field] === id && doc._deleted !== true),
    pipeline: (id) => find('pipelines', id) as Pipeline | undefined,
    user: (id) => users.find((user) => user.id === id),
    userNamed: (name) => users.find((user) => user.name === name),
    isReferenced: (collection, id) =>
      Object.entries(records).some(([from, docs]) =>
        docs.some((doc) =>
          dependsOn(from, doc).some((ref) => ref.collection === collection && ref.id === id),
        ),
      ),
    isPending: (collection, id) => (options.pending ?? []).includes(`${collection}/${id}`),
  };
}
