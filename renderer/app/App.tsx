import { CrmProvider, type CrmSession } from '../api/crm-context';
import { SyncProvider } from '../sync/sync-context';
import { SyncSurfaces } from '../sync/SyncSurfaces';
import { DialogsProvider } from './dialogs';
import { Shell } from './Shell';

/** The app once it is connected to a core (Electron main, or the page's own). */
export function App({ session }: { session: CrmSession }) {
  return (
    <CrmProvider session={session}>
      <SyncProvider>
        <DialogsProvider>
          <Shell />
          <SyncSurfaces />
        </DialogsProvider>
      </SyncProvider>
    </CrmProvider>
  );
}
