import type { TFunction } from 'i18next';
import type { InvoiceCard } from '../../shared/api';
import type { InvoiceStage } from '../../shared/domain';
import type { DragWords } from '../stage-board/dnd';
import { draggedStageCard } from '../stage-board/StageCard';
import { invoiceName, invoiceStageName } from './invoice-text';

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

/** How a dragged invoice is announced, in the opportunity board's sentences. */
export const INVOICE_DRAG: DragWords<InvoiceCard> = {
  keys: 'dnd',
  instructions: 'collections.dnd.instructions',
  dragged: draggedStageCard<InvoiceCard>,
  nameOf: invoiceName,
  stageOf: (card) => card.stage,
  stageName: invoiceStageName,
};
