import {
  getChangedDocumentsSince,
  normalizeMangoQuery,
  prepareQuery,
  randomToken,
  type BulkWriteRow,
  type EventBulk,
  type MangoQuerySelector,
  type RxDocumentData,
  type RxStorageBulkWriteResponse,
  type RxStorageChangeEvent,
  type RxStorageInstance,
} from 'rxdb';
import type { Subscription } from 'rxjs';
import { cleanupFully, type AnyRxStorage } from '../conformance/harness';
import { LEAD_IDS, LEAD_STORAGE_SCHEMA, freshLead, nextLead, type Lead } from './lead-model';
import type { RowIntent, Step } from './step-arbitraries';

// The two storages' internals differ; only the RxStorageInstance interface is used.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type LeadInstance = RxStorageInstance<Lead, any, any>;
type LeadEventBulk = EventBulk<RxStorageChangeEvent<RxDocumentData<Lead>>, unknown>;

interface Side {
  label: string;
  storage: AnyRxStorage;
  reopen: () => AnyRxStorage;
  instance?: LeadInstance;
  subscription?: Subscription;
  events: LeadEventBulk[];
}

const BASE_LWT = 1_700_000_000_000;

/** What a caller can see of a write error: who, why, and the stored state for a conflict. */
function errorView(result: RxStorageBulkWriteResponse<Lead>) {
  return result.error.map((e) => ({
    documentId: e.documentId,
    status: e.status,
    documentInDb: e.status === 409 ? e.documentInDb : undefined,
  }));
}

/** An event bulk without its random id. */
function eventView(bulk: LeadEventBulk) {
  return {
    context: bulk.context,
    checkpoint: bulk.checkpoint,
    events: bulk.events.map((e) => ({
      operation: e.operation,
      documentId: e.documentId,
      documentData: e.documentData,
      previousDocumentData: e.previousDocumentData ?? undefined,
    })),
  };
}

/**
 * The reference (RxDB's memory storage) and the storage under test, driven in lockstep: every
 * step runs on both and everything observable must be identical.
 */
export class StoragePair {
  private readonly databaseName = `diff${randomToken(12)}`.toLowerCase();
  private readonly sides: [Side, Side];
  private lwt = BASE_LWT;
  private writes = 0;

  constructor(reference: Omit<Side, 'events'>, candidate: Omit<Side, 'events'>) {
    this.sides = [
      { ...reference, events: [] },
      { ...candidate, events: [] },
    ];
  }

  async open(): Promise<void> {
    for (const side of this.sides) {
      side.instance = (await side.storage.createStorageInstance<Lead>({
        databaseInstanceToken: randomToken(10),
        databaseName: this.databaseName,
        collectionName: 'leads',
        schema: LEAD_STORAGE_SCHEMA,
        options: {},
        multiInstance: false,
        devMode: true,
      })) as LeadInstance;
      side.subscription = side.instance.changeStream().subscribe((bulk) => {
        side.events.push(bulk as LeadEventBulk);
      });
    }
  }

  private instanceOf(side: Side): LeadInstance {
    if (!side.instance) throw new Error(`${side.label} is not open`);
    return side.instance;
  }

  /** Runs on the reference, then on the candidate; returns [reference, candidate] results. */
  private async both<R>(run: (instance: LeadInstance) => Promise<R>): Promise<[R, R]> {
    const [reference, candidate] = this.sides;
    return [await run(this.instanceOf(reference)), await run(this.instanceOf(candidate))];
  }

  async step(step: Step): Promise<void> {
    switch (step.kind) {
      case 'write':
        return this.write(step.rows, step.lwtStep);
      case 'query': {
        const prepared = prepareQuery(
          LEAD_STORAGE_SCHEMA,
          normalizeMangoQuery(LEAD_STORAGE_SCHEMA, step.query),
        );
        const [reference, candidate] = await this.both((i) => i.query(prepared));
        expect(candidate.documents).toEqual(reference.documents);
        return;
      }
      case 'count':
        return this.count(step.selector);
      case 'changes':
        return this.changes(step.pageSize);
      case 'cleanup':
        // Every lwt lies in the past, so a threshold of 0 purges every deleted document.
        await this.both((i) => cleanupFully(i, 0));
        return this.compareState();
      case 'reopen':
        await this.close();
        for (const side of this.sides) side.storage = side.reopen();
        await this.open();
        return this.compareState();
    }
  }

  private async count(selector: MangoQuerySelector<Lead>) {
    const prepared = prepareQuery(
      LEAD_STORAGE_SCHEMA,
      normalizeMangoQuery(LEAD_STORAGE_SCHEMA, { selector }, true),
    );
    const [reference, candidate] = await this.both((i) => i.count(prepared));
    expect(candidate.count).toBe(reference.count);
  }

  private async changes(pageSize: number) {
    const [reference, candidate] = await this.both(async (i) => {
      const pages = [];
      let page = await getChangedDocumentsSince(i, pageSize);
      pages.push(page);
      while (page.documents.length > 0 && pages.length < 100) {
        page = await getChangedDocumentsSince(i, pageSize, page.checkpoint);
        pages.push(page);
      }
      return pages;
    });
    expect(candidate).toEqual(reference);
  }

  private async write(intents: RowIntent[], lwtStep: number) {
    this.lwt = Math.round((this.lwt + lwtStep) * 100) / 100;
    this.writes += 1;
    const [refSide, candidateSide] = this.sides;
    const current = await this.instanceOf(refSide).findDocumentsById(
      intents.map((r) => r.id),
      true,
    );
    const byId = new Map(current.map((d) => [d.id, d]));
    const rows = intents.map((intent) => this.row(intent, byId.get(intent.id)));
    const context = `write-${this.writes}`;
    // Each storage gets its own copy: the memory storage keeps the very objects it is given.
    const [reference, candidate] = await this.both((i) =>
      i.bulkWrite(structuredClone(rows), context),
    );
    expect(errorView(candidate)).toEqual(errorView(reference));
    await vi.waitFor(() => expect(candidateSide.events.length).toBe(refSide.events.length));
    expect(candidateSide.events.map(eventView)).toEqual(refSide.events.map(eventView));
    await this.compareState();
  }

  private row(intent: RowIntent, stored: RxDocumentData<Lead> | undefined): BulkWriteRow<Lead> {
    const { op, id, data } = intent;
    if (op === 'insert' || !stored) {
      if (op === 'stale') {
        // A previous state for a document that does not exist: RxDB treats it as an insert.
        return { previous: freshLead(id, data, this.lwt), document: freshLead(id, data, this.lwt) };
      }
      return { document: freshLead(id, data, this.lwt, op === 'delete' || op === 'tombstone') };
    }
    switch (op) {
      case 'update':
        return { previous: stored, document: nextLead(stored, data, this.lwt, false) };
      case 'delete':
        return { previous: stored, document: nextLead(stored, data, this.lwt, true) };
      case 'stale':
        return {
          previous: { ...stored, _rev: '999-stale' },
          document: nextLead(stored, data, this.lwt, false),
        };
      case 'tombstone':
        return { document: freshLead(id, data, this.lwt, true) };
    }
  }

  async compareState(): Promise<void> {
    const [reference, candidate] = await this.both(async (i) => {
      const docs = await i.findDocumentsById(LEAD_IDS, true);
      return [...docs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    });
    expect(candidate).toEqual(reference);
  }

  async close(): Promise<void> {
    for (const side of this.sides) {
      side.subscription?.unsubscribe();
      await side.instance?.close();
      side.instance = undefined;
      side.events = [];
    }
  }

  async remove(): Promise<void> {
    for (const side of this.sides) {
      side.subscription?.unsubscribe();
      await side.instance?.remove();
      side.instance = undefined;
    }
  }
}
