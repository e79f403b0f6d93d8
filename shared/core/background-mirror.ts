import {
  getChangedDocumentsSince,
  type RxCollection,
  type RxDocumentData,
  type RxStorageChangeEvent,
} from 'rxdb';
import { Subject, type Observable, type Subscription } from 'rxjs';
import type { LtcDatabase } from './database';

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * An in-memory mirror of some collections, built in the background in slices, then kept up to
 * date from the collections' change streams, which carry every write: the core's commands,
 * sync's pulls, another tab's writes, deletes. The quick search's index and the analytics store
 * are such mirrors. Asked before the build is done, `ready()` starts it at once and resolves
 * when it is complete, so no one answers from half a mirror.
 *
 * The desktop core shares main's event loop with the IPC bridge and the web core shares the
 * page's thread: the build reads one page of documents a slice and yields after each.
 */
export abstract class BackgroundMirror<Name extends string, Doc extends { id: string }> {
  /** Documents a change event set while building: the event is as new as the page, or newer. */
  private readonly touched = new Set<string>();
  private readonly changed = new Subject<void>();
  private readonly subscriptions: Subscription[] = [];
  private building: Promise<void> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  private done = false;

  /** Emits after every applied batch of writes, once the mirror is built. */
  readonly changes$: Observable<void> = this.changed.asObservable();

  /** How many slices the build took and the longest, for the benchmarks. */
  readonly buildStats = { slices: 0, longestSliceMs: 0, totalMs: 0 };

  /**
   * Pages are read in the order of the ['_meta.lwt', id] index, as sync's replication reads: each
   * page starts where the last stopped, so a page costs the same however big the collection.
   * The collections have no index by id alone, so a page by id read and sorted the whole
   * collection: at 50× the sample firm's 210,000 documents took over two minutes that way, and
   * the search index, which paged by id, was not built when a person first typed.
   */
  constructor(
    private readonly what: string,
    private readonly names: readonly Name[],
    private readonly page: number,
    startMs: number,
  ) {
    this.timer = setTimeout(() => void this.ready().catch(() => undefined), startMs);
  }

  protected abstract collection(name: Name): RxCollection<Doc>;
  protected abstract put(name: Name, data: RxDocumentData<Doc>): void;
  protected abstract remove(name: Name, id: string): void;
  /** Forgets everything, before a failed build is started afresh. */
  protected abstract clear(): void;
  /** Work after the pages, before the mirror is ready (run each slice with `slice`). */
  protected async afterPages(_slice: (work: () => void) => Promise<void>): Promise<void> {}

  /** Resolves once the mirror holds every document; starts the build if it has not started. */
  ready(): Promise<void> {
    if (this.closed) return Promise.reject(new Error(`the ${this.what} is closed`));
    clearTimeout(this.timer);
    this.building ??= this.build().catch((error: unknown) => {
      // Start afresh on the next ask (a failed read must not leave a half mirror answering).
      for (const s of this.subscriptions.splice(0)) s.unsubscribe();
      this.clear();
      this.touched.clear();
      this.building = undefined;
      throw error;
    });
    return this.building;
  }

  get isReady(): boolean {
    return this.done;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    for (const s of this.subscriptions) s.unsubscribe();
    this.changed.complete();
  }

  private async build(): Promise<void> {
    const started = performance.now();
    // Subscribed before the first read, so no write falls between the pages and the stream.
    for (const name of this.names) {
      this.subscriptions.push(
        this.collection(name).eventBulks$.subscribe((bulk) => {
          for (const event of bulk.events) this.apply(name, event);
          if (this.done) this.changed.next();
        }),
      );
    }
    for (const name of this.names) {
      const pages = this.pagesAsWritten(name);
      for (let sliceStart = performance.now(); ; sliceStart = performance.now()) {
        const { value: docs, done } = await pages.next();
        if (done) break;
        this.throwIfClosed();
        for (const doc of docs) {
          if (!doc._deleted && !this.touched.has(doc.id)) this.put(name, doc);
        }
        this.noteSlice(performance.now() - sliceStart);
        await nextTask();
      }
    }
    await this.afterPages(async (work) => {
      const sliceStart = performance.now();
      work();
      this.noteSlice(performance.now() - sliceStart);
      await nextTask();
      this.throwIfClosed();
    });
    this.touched.clear();
    this.done = true;
    this.buildStats.totalMs = performance.now() - started;
  }

  /** Deleted documents come too (replication needs them): the caller leaves them out. */
  private async *pagesAsWritten(name: Name): AsyncGenerator<RxDocumentData<Doc>[]> {
    let checkpoint: unknown;
    for (;;) {
      const page = await getChangedDocumentsSince(
        this.collection(name).storageInstance,
        this.page,
        checkpoint,
      );
      yield page.documents;
      if (page.documents.length < this.page) return;
      checkpoint = page.checkpoint;
    }
  }

  private throwIfClosed(): void {
    if (this.closed) throw new Error(`the ${this.what} is closed`);
  }

  private noteSlice(ms: number): void {
    this.buildStats.slices += 1;
    this.buildStats.longestSliceMs = Math.max(this.buildStats.longestSliceMs, ms);
  }

  private apply(name: Name, event: RxStorageChangeEvent<Doc>): void {
    if (!this.done) this.touched.add(event.documentId);
    if (event.operation === 'DELETE') this.remove(name, event.documentId);
    else this.put(name, event.documentData);
  }
}

/**
 * One mirror per database, made on first ask (the core asks when it opens; `startMs` after that
 * it starts building by itself) and closed with the database. One per database, not per
 * service: the sample-data simulation makes services of its own on the same database.
 */
export function onePerDatabase<M extends { close(): void }>(
  make: (database: LtcDatabase, startMs?: number) => M,
): (database: LtcDatabase, startMs?: number) => M {
  const made = new WeakMap<LtcDatabase, M>();
  return (database, startMs) => {
    let mirror = made.get(database);
    if (!mirror) {
      const fresh = make(database, startMs);
      made.set(database, fresh);
      database.onClose.push(() => fresh.close());
      mirror = fresh;
    }
    return mirror;
  };
}
