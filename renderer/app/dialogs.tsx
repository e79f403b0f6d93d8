import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import type { DuplicateRecord, OpportunityCard } from '../../shared/api';
import type { Account, Contact, Lead } from '../../shared/domain';
import { AccountDialog } from '../forms/AccountDialog';
import { ContactDialog } from '../forms/ContactDialog';
import { OpportunityDialog, type PendingMove } from '../forms/OpportunityDialog';
import { LeadDialog } from '../leads/LeadDialog';

type OpenDialog =
  | { kind: 'opportunity'; card?: OpportunityCard; pendingMove?: PendingMove }
  | { kind: 'account'; account?: Account }
  | { kind: 'contact'; contact?: Contact }
  | { kind: 'lead'; lead?: Lead };

export interface Dialogs {
  openOpportunity(request?: { card?: OpportunityCard; pendingMove?: PendingMove }): void;
  /** With an account, edits it; without, creates one. */
  openAccount(request?: { account?: Account }): void;
  /** With a contact, edits it; without, creates one. */
  openContact(request?: { contact?: Contact }): void;
  /** With a lead, edits it; without, captures one. Any screen (quick search) can open a lead. */
  openLead(request?: { lead?: Lead }): void;
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
      openLead: (request = {}) => setOpen({ kind: 'lead', ...request }),
    }),
    [],
  );
  const close = () => setOpen(null);
  // A look-alike the person chose from the lead dialog opens in place of it.
  const openDuplicate = (duplicate: DuplicateRecord) => {
    if (duplicate.kind === 'lead') dialogs.openLead({ lead: duplicate.record });
    else if (duplicate.kind === 'account') dialogs.openAccount({ account: duplicate.record });
    else dialogs.openContact({ contact: duplicate.record });
  };
  return (
    <DialogsContext.Provider value={dialogs}>
      {children}
      {open?.kind === 'opportunity' && (
        <OpportunityDialog card={open.card} pendingMove={open.pendingMove} onClose={close} />
      )}
      {/* Keyed: "Open" on a look-alike swaps one record's dialog for another's, fresh form. */}
      {open?.kind === 'account' && (
        <AccountDialog key={open.account?.id ?? 'new'} account={open.account} onClose={close} />
      )}
      {open?.kind === 'contact' && (
        <ContactDialog key={open.contact?.id ?? 'new'} contact={open.contact} onClose={close} />
      )}
      {open?.kind === 'lead' && (
        <LeadDialog
          key={open.lead?.id ?? 'new'}
          lead={open.lead}
          onClose={close}
          onOpenDuplicate={openDuplicate}
        />
      )}
    </DialogsContext.Provider>
  );
}

export function useDialogs(): Dialogs {
  const dialogs = useContext(DialogsContext);
  if (!dialogs) throw new Error('useDialogs outside <DialogsProvider>');
  return dialogs;
}
