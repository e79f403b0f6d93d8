/**
 * The board benchmark's page (bench/board-render.ts builds it with Vite and drives it in Chromium).
 * It opens the real core on IndexedDB (RxDB's Dexie storage, as the web build does), seeds it once
 * with N leads, and renders the real leads board: the product code, with no hooks for the bench.
 * The page only records times: window.benchBoard.query() times the board's live query alone
 * (its first full result, no UI); render() mounts the board and resolves with the
 * milliseconds from mount to the first painted frame that shows all N cards' counts;
 * watchDrop() arms a timer started by the next pointerup (the drop) and stopped by the first painted
 * frame where the card has left its column and the target column's count has gone up.
 */
import { createRoot } from 'react-dom/client';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { createCrmClient, createDispatcher } from '../../shared/api';
import { openCrmCore } from '../../shared/core';
import { writeUnjudged } from '../../shared/core/rulebook';
import { CrmProvider } from '../../renderer/api/crm-context';
import { AppProviders } from '../../renderer/app/AppProviders';
import { DialogsProvider } from '../../renderer/app/dialogs';
import { createI18n } from '../../renderer/i18n/i18n';
import { LeadsBoard } from '../../renderer/leads/LeadsBoard';
import { SyncProvider } from '../../renderer/sync/sync-context';
import { benchLeads, benchStageEvents } from './leads-data';

const user = { id: 'bench-rep', name: '王小明' };
const count = Number(new URLSearchParams(location.search).get('n') ?? '50');

const painted = () =>
  new Promise<number>((resolve) =>
    requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now()))),
  );

/** Resolves on the first animation frame where `done()` holds. */
const frameWhere = (done: () => boolean) =>
  new Promise<void>((resolve) => {
    const check = () => (done() ? resolve() : requestAnimationFrame(check));
    check();
  });

const column = (stage: string) =>
  document.querySelector<HTMLElement>(`section[data-stage="${stage}"]`);
/** The column's count badge: the element right after its heading. */
const countIn = (stage: string) =>
  Number(column(stage)?.querySelector('h2')?.nextElementSibling?.textContent ?? NaN);

async function main() {
  const core = await openCrmCore({
    storage: getRxStorageDexie(),
    databaseName: `bench-board-leads-${count}`,
    currentUser: user,
    multiInstance: false,
  });
  if ((await core.database.leads.count().exec()) !== count) {
    await core.database.leads.find().remove();
    await core.database.stageevents.find().remove();
    const leads = benchLeads(count, Date.now());
    // Three reps' leads, as synced from their devices: each with the stage events that brought it
    // to its stage (written first, as the core does), and not judged as this person's own writes.
    await core.database.stageevents.bulkInsert(benchStageEvents(leads));
    await writeUnjudged(
      core.database,
      'leads',
      leads.map((lead) => lead.id),
      () => core.database.leads.bulkInsert(leads),
    );
  }
  const api = createCrmClient(createDispatcher(core.service));
  const i18n = createI18n('zh-CN');

  const bench = {
    count,
    /** The board's live query alone: subscribe to the first full result, no UI. */
    query(): Promise<number> {
      const start = performance.now();
      return new Promise((resolve) => {
        const stop = api.subscribe('board/leads', {}, (board) => {
          if (board.columns.reduce((n, c) => n + c.count, 0) !== count) return;
          resolve(performance.now() - start);
          queueMicrotask(() => stop());
        });
      });
    },
    async render(): Promise<number> {
      const start = performance.now();
      createRoot(document.getElementById('root')!).render(
        <AppProviders i18n={i18n}>
          <CrmProvider session={{ api, currentUserId: user.id }}>
            {/* As in App.tsx: cards read the sync problems (none here, a host without sync). */}
            <SyncProvider>
              <DialogsProvider>
                <LeadsBoard />
              </DialogsProvider>
            </SyncProvider>
          </CrmProvider>
        </AppProviders>,
      );
      await frameWhere(
        () =>
          ['new', 'contacted', 'qualified', 'converted', 'disqualified']
            .map(countIn)
            .reduce((a, b) => a + b, 0) === count,
      );
      return (await painted()) - start;
    },
    /** Call before the drag; resolves with the drop-to-painted time once the move shows. */
    watchDrop(id: string, from: string, to: string): Promise<number> {
      const before = countIn(to);
      return new Promise((resolve) => {
        window.addEventListener(
          'pointerup',
          () => {
            const dropped = performance.now();
            void frameWhere(
              () =>
                !column(from)?.querySelector(`[data-lead-id="${id}"]`) &&
                countIn(to) === before + 1,
            )
              .then(painted)
              .then((at) => resolve(at - dropped));
          },
          { capture: true, once: true },
        );
      });
    },
  };
  (window as unknown as { benchBoard: typeof bench }).benchBoard = bench;
}

main().catch((error: unknown) => {
  (window as unknown as { benchError: string }).benchError = String(error);
});
