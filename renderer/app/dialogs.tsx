import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import type { OpportunityCard } from '../../shared/api';
import type { Account, Contact } from '../../shared/domain';
import { AccountDialog } from '../forms/AccountDialog';
import { ContactDialog } from '../forms/ContactDialog';
import { OpportunityDialog, type PendingMove } from '../forms/OpportunityDialog';

type OpenDialog =
  | { kind: 'opportunity'; card?: OpportunityCard; pendingMove?: PendingMove }
  | { kind: 'account'; account?: Account }
  | { kind: 'contact'; contact?: Contact };

export interface Dialogs {
  openOpportunity(request?: { card?: OpportunityCard; pendingMove?: PendingMove }): void;
  /** With an account, edits it; without, creates one. */
  openAccount(request?: { account?: Account }): void;
  /** With a contact, edits it; without, creates one. */
  openContact(request?: { contact?: Contact }): void;
}

const DialogsContext = createContext<Dialogs | null>(null);

/** The record dialogs any screen can open; one at a time (a dialog may open its own on top). */
export function DialogsProvider({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState<OpenDialog | null>(null);
  const dialogs = useMemo<Dialogs>(
    () => ({
      openOpportunity: (request = {}) => setOpen({ kind: 'opportunity', ...request }),
      openAccount: (request = {}) => setOpen({ kind: 'account', ...request }),
      openContact: (request = {}) => setOpen({ kind: 'contact', ...request }),
    }),
    [],
  );
  const close = () => setOpen(null);
  return (
    <DialogsContext.Provider value={dialogs}>
      {children}
      {open?.kind === 'opportunity' && (
        <OpportunityDialog card={open.card} pendingMove={open.pendingMove} onClose={close} />
      )}
      {open?.kind === 'account' && <AccountDialog account={open.account} onClose={close} />}
      {open?.kind === 'contact' && <ContactDialog contact={open.contact} onClose={close} />}
    </DialogsContext.Provider>
  );
}

export function useDialogs(): Dialogs {
  const dialogs = useContext(DialogsContext);
  if (!dialogs) throw new Error('useDialogs outside <DialogsProvider>');
  return dialogs;
}
