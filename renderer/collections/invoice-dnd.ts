import type { Announcements, ScreenReaderInstructions } from '@dnd-kit/core';
import type { TFunction } from 'i18next';
import type { InvoiceStage } from '../../shared/domain';
import { draggedInvoice } from './InvoiceCardView';
import { invoiceName, invoiceStageName } from './invoice-text';

type Active = { data: { current?: Record<string, unknown> } };

/**
 * The only move a person makes by hand on this board is issuing (Scheduled → Invoiced); the paid
 * stages follow the payments recorded (PHASE_DEFINITIONS.invoice.systemOnly).
 */
export function canDrop(from: InvoiceStage, to: string): boolean {
  return from === 'scheduled' && to === 'invoiced';
}

/** Why a drop elsewhere does nothing, in words that say what to do instead. */
export function refusedDropText(t: TFunction, to: string): string {
  if (to === 'invoiced') return t('collections.move.issueFirst');
  if (to === 'partiallyPaid' || to === 'paid')
    return t('collections.move.systemOnly', { to: invoiceStageName(t, to) });
  return t('collections.move.backwards', { to: invoiceStageName(t, to) });
}

export function invoiceScreenReaderInstructions(t: TFunction): ScreenReaderInstructions {
  return { draggable: t('collections.dnd.instructions') };
}

/** dnd-kit's live-region announcements, reusing the opportunity board's sentences. */
export function invoiceDragAnnouncements(t: TFunction): Announcements {
  const title = (active: Active) => {
    const card = draggedInvoice(active.data);
    return card ? invoiceName(card) : '';
  };
  const from = (active: Active) => {
    const card = draggedInvoice(active.data);
    return card ? invoiceStageName(t, card.stage) : '';
  };
  return {
    onDragStart: ({ active }) => t('dnd.start', { title: title(active), stage: from(active) }),
    onDragOver: ({ active, over }) =>
      over
        ? t('dnd.over', { title: title(active), stage: invoiceStageName(t, String(over.id)) })
        : t('dnd.overNone', { title: title(active) }),
    onDragEnd: ({ active, over }) =>
      over && String(over.id) !== draggedInvoice(active.data)?.stage
        ? t('dnd.end', { title: title(active), stage: invoiceStageName(t, String(over.id)) })
        : t('dnd.endNone', { title: title(active) }),
    onDragCancel: ({ active }) => t('dnd.cancel', { title: title(active), stage: from(active) }),
  };
}
