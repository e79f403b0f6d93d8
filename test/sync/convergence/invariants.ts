import { prepareQuery } from 'rxdb';
import { jsonEqual } from '../../../shared/sync/merge';
import { CLIENT_COLLECTIONS } from '../support';
import type { LedgerEntry, Peer } from './cluster';
import type { Snapshots } from './state';

type Edit = Extract<LedgerEntry, { kind: 'edit' }>;

/**
 * "Nothing a person typed is lost": every edit in the ledger must be accounted for by one of
 *
 * 1. the final data: the server's final state of the record (a tombstone included: a deleted
 *    record keeps the fields merged into it) holds the edit's value;
 * 2. the conflict log of the desktop that made it: an entry for that record and field (group)
 *    whose overwritten value (for a group, overwrittenFields[key]) is the edit's value;
 * 3. a later edit of the same field of the same record that replaced it knowingly: that edit's
 *    `before` (the local value it overwrote, seen by RxDB's preSave hook) is this edit's value.
 *    Values are unique per edit, so this holds exactly when the later edit was made on a state
 *    that already had this one: on the same desktop before it synced, or on another desktop
 *    after it had received it;
 * 4. a sync problem the desktop that made it listed (a refused push of a rep), whose document
 *    holds the value: the server never took it and the person was told.
 *
 * Anything else is an edit that vanished silently.
 */
export function unaccountedEdits(
  ledger: readonly LedgerEntry[],
  server: Snapshots,
  peers: readonly Peer[],
): string[] {
  const edits = ledger.filter((entry): entry is Edit => entry.kind === 'edit');
  return edits
    .filter((edit) => {
      const final = server[edit.collection].get(edit.id);
      if (final && jsonEqual(final[edit.key], edit.value)) return false;
      const peer = peers[edit.client];
      const logged = peer?.conflicts.some(
        (entry) =>
          entry.collection === edit.collection &&
          entry.recordId === edit.id &&
          entry.field === edit.field &&
          jsonEqual(
            edit.key === edit.field ? entry.overwrittenValue : entry.overwrittenFields?.[edit.key],
            edit.value,
          ),
      );
      if (logged) return false;
      const replaced = edits.some(
        (later) =>
          later.seq > edit.seq &&
          later.collection === edit.collection &&
          later.id === edit.id &&
          later.field === edit.field &&
          jsonEqual(later.before, edit.value),
      );
      if (replaced) return false;
      const refused = peer?.problemsSeen.some(
        (problem) =>
          problem.collection === edit.collection &&
          problem.recordId === edit.id &&
          jsonEqual(problem.document[edit.key], edit.value),
      );
      return !refused;
    })
    .map(
      (edit) =>
        `#${edit.seq} client ${edit.client} ${edit.collection}/${edit.id}.${edit.key} = ` +
        `${JSON.stringify(edit.value)} (final: ${JSON.stringify(
          server[edit.collection].get(edit.id)?.[edit.key],
        )})`,
    );
}

/**
 * Zero lost, zero invented: the server holds exactly the ids the desktops inserted (each once:
 * serverState throws on a repeated id), a deletion is a tombstone on the server unless the
 * server refused it (the deleting desktop listed it as a problem), and no record is deleted that
 * nobody deleted. Stage events are left out of the last rule: they are never deleted by a
 * person. A stage event reaches the server only with the record it moves, so one may be missing
 * there exactly when a desktop withdrew it (`withdrawn`): the core's own failed stage change, or
 * a move that lost a conflict or was refused and discarded (which the conflict log or the
 * problem accounts for, see unaccountedEdits).
 */
export function idViolations(
  ledger: readonly LedgerEntry[],
  created: ReadonlyMap<string, ReadonlySet<string>>,
  server: Snapshots,
  peers: readonly Peer[],
  withdrawn: ReadonlySet<string> = new Set(),
): string[] {
  const out: string[] = [];
  for (const name of CLIENT_COLLECTIONS) {
    const made = created.get(name) ?? new Set<string>();
    const held = new Set(server[name].keys());
    for (const id of made) {
      if (held.has(id) || (name === 'stageevents' && withdrawn.has(id))) continue;
      out.push(`lost: ${name}/${id} is not on the server`);
    }
    for (const id of held) if (!made.has(id)) out.push(`invented: ${name}/${id} nobody created`);
  }
  const deletes = ledger.filter((entry) => entry.kind === 'delete');
  for (const entry of deletes) {
    if (server[entry.collection].get(entry.id)?._deleted === true) continue;
    const refused = peers[entry.client]?.problemsSeen.some(
      (problem) =>
        problem.collection === entry.collection &&
        problem.recordId === entry.id &&
        problem.document._deleted === true,
    );
    if (!refused) out.push(`undeleted: ${entry.collection}/${entry.id} (#${entry.seq})`);
  }
  for (const name of ['accounts', 'opportunities'] as const) {
    for (const [id, doc] of server[name]) {
      const deleted = deletes.some((entry) => entry.collection === name && entry.id === id);
      if (doc._deleted && !deleted) out.push(`deleted by nobody: ${name}/${id}`);
    }
  }
  return out;
}

/** Stage events a desktop removed after inserting them (see idViolations). */
export async function withdrawnStageEvents(peers: readonly Peer[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const peer of peers) {
    const storage = peer.database.stageevents.storageInstance;
    const all = await storage.query(
      prepareQuery(storage.schema, {
        selector: { _deleted: { $eq: true } },
        sort: [{ id: 'asc' }],
        skip: 0,
      }),
    );
    for (const doc of all.documents) out.add(String((doc as { id: unknown }).id));
  }
  return out;
}
