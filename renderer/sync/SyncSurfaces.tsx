import { SignInDialog } from './SignInDialog';
import { SyncPanel } from './SyncPanel';
import { useSync } from './sync-context';

/**
 * The sync panel and the sign-in dialog, mounted inside the record dialogs' provider so a sync
 * problem can open the record's own edit dialog.
 */
export function SyncSurfaces() {
  const sync = useSync();
  if (!sync.available) return null;
  return (
    <>
      <SyncPanel />
      {sync.signInOpen && (
        <SignInDialog
          serverUrl={sync.status?.account?.serverUrl}
          firmCode={sync.status?.account?.firmCode}
          onClose={sync.closeSignIn}
        />
      )}
    </>
  );
}
