import type { Announcements, ScreenReaderInstructions } from '@dnd-kit/core';
import type { TFunction } from 'i18next';
import { draggedLead } from './LeadCardView';
import { leadStageName } from './lead-text';

type Active = { data: { current?: Record<string, unknown> } };

export function leadScreenReaderInstructions(t: TFunction): ScreenReaderInstructions {
  return { draggable: t('leads.dnd.instructions') };
}

/** dnd-kit's live-region announcements for lead cards, naming the company and the stage. */
export function leadDragAnnouncements(t: TFunction): Announcements {
  const company = (active: Active) => draggedLead(active.data)?.company ?? '';
  const from = (active: Active) => {
    const lead = draggedLead(active.data);
    return lead ? leadStageName(t, lead.stage) : '';
  };
  return {
    onDragStart: ({ active }) =>
      t('leads.dnd.start', { company: company(active), stage: from(active) }),
    onDragOver: ({ active, over }) =>
      over
        ? t('leads.dnd.over', {
            company: company(active),
            stage: leadStageName(t, String(over.id)),
          })
        : t('leads.dnd.overNone', { company: company(active) }),
    onDragEnd: ({ active, over }) =>
      over && String(over.id) !== draggedLead(active.data)?.stage
        ? t('leads.dnd.end', { company: company(active), stage: leadStageName(t, String(over.id)) })
        : t('leads.dnd.endNone', { company: company(active) }),
    onDragCancel: ({ active }) =>
      t('leads.dnd.cancel', { company: company(active), stage: from(active) }),
  };
}
