import type { RxCollection } from 'rxdb';
import { phaseOf, type Doc } from '../rules/catalog';
import { stageChainOf, stageMoved } from '../rules/stage-chain';
import type { PushRow, WireDocument } from './protocol';

// Any LTC collection; their document types differ.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCollection = RxCollection<any>;

function fields(doc: WireDocument | undefined): Doc | undefined {
  if (!doc) return undefined;
  const { _deleted, ...rest } = doc;
  return rest;
}

/**
 * Gives every pushed row whose stage changed the stage events of that change, picked from the
 * local stage events by the rulebook's own stageChainOf (so device and server agree on what the
 * chain is). The server checks the move with them and stores them with the record.
 */
export async function withStageEvents(
  collection: AnyCollection,
  rows: PushRow[],
): Promise<PushRow[]> {
  const events = collection.database.collections.stageevents as AnyCollection | undefined;
  if (!phaseOf(collection.name) || !events) return rows;
  const moved = rows.filter(
    (row) =>
      !row.newDocumentState._deleted &&
      stageMoved(fields(row.assumedMasterState), fields(row.newDocumentState)!),
  );
  if (moved.length === 0) return rows;
  const ids = moved.map((row) => String(row.newDocumentState.id));
  const docs = await events.find({ selector: { recordId: { $in: ids } } }).exec();
  const byRecord = new Map<string, Doc[]>();
  for (const doc of docs) {
    const { _rev, _meta, _deleted, _attachments, ...event } = doc.toJSON(true) as Doc;
    const list = byRecord.get(String(event.recordId)) ?? [];
    list.push(event);
    byRecord.set(String(event.recordId), list);
  }
  return rows.map((row) => {
    if (!moved.includes(row)) return row;
    const chain = stageChainOf(
      byRecord.get(String(row.newDocumentState.id)) ?? [],
      fields(row.assumedMasterState),
      fields(row.newDocumentState)!,
    );
    return chain.length > 0 ? { ...row, stageEvents: chain } : row;
  });
}

/**
 * Removes from this device the stage events of moves that never reached the firm: the moves from
 * `kept` (the last state the server accepted from this device, the one the lost change started
 * from) to `lost` (the local state that lost a conflict on its stage, or was refused and
 * discarded). They were never stored by the server (stage
 * events go only with an accepted record), so the device's history would otherwise show moves
 * the firm's data does not have; the conflict log or the problem keeps what the person did.
 * The moves that lead to `server` (the server's current state, when known) are the firm's and
 * stay: the lost local state may stand on moves other people made and this device pulled (a
 * refused title edit on a deal a manager had moved), and `kept` can be older than those.
 */
export async function dropLostMoves(
  collection: AnyCollection,
  kept: Record<string, unknown> | undefined,
  lost: Record<string, unknown>,
  server?: Record<string, unknown>,
): Promise<void> {
  const events = collection.database.collections.stageevents as AnyCollection | undefined;
  if (!phaseOf(collection.name) || !events) return;
  const clean = (doc: Record<string, unknown>) => {
    const { _rev, _meta, _deleted, _attachments, ...rest } = doc;
    return rest;
  };
  const docs = await events.find({ selector: { recordId: String(lost.id) } }).exec();
  const chain = stageChainOf(
    docs.map((doc) => clean(doc.toJSON(true) as Doc)),
    kept && clean(kept),
    clean(lost),
  );
  const firms = new Set(
    server && !server._deleted
      ? stageChainOf(
          docs.map((doc) => clean(doc.toJSON(true) as Doc)),
          undefined,
          clean(server),
        ).map((event) => String(event.id))
      : [],
  );
  const ids = chain
    .filter((event) => !kept || Number(event.at) > Number(kept.stageEnteredAt))
    .map((event) => String(event.id))
    .filter((id) => !firms.has(id));
  if (ids.length > 0) await events.bulkRemove(ids);
}

/**
 * When a refused record goes back to the server's state (a sync problem discarded), the moves this
 * person made on it that the server's history does not contain go too. They can outlive the
 * refused state itself: a refused push counts as sent for RxDB, so a newer state pulled from the
 * server replaces the record and leaves the refused move's stage event behind, which
 * dropLostMoves (which walks from the refused state) no longer reaches. Only the person's own
 * events are candidates: every other event on this device came from the server.
 */
export async function dropOrphanMoves(
  collection: AnyCollection,
  server: Record<string, unknown> | undefined,
  recordId: string,
  me: string,
): Promise<void> {
  const events = collection.database.collections.stageevents as AnyCollection | undefined;
  if (!phaseOf(collection.name) || !events) return;
  const docs = (await events.find({ selector: { recordId } }).exec()).map((doc) => {
    const { _rev, _meta, _deleted, _attachments, ...rest } = doc.toJSON(true) as Doc;
    return rest;
  });
  const firms = new Set(
    server && !server._deleted
      ? stageChainOf(docs, undefined, fields(server as WireDocument)!).map((e) => String(e.id))
      : [],
  );
  const ids = docs
    .filter((event) => event.by === me && !firms.has(String(event.id)))
    .map((event) => String(event.id));
  if (ids.length > 0) await events.bulkRemove(ids);
}
