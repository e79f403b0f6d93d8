import {
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
} from '@dnd-kit/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { columnKeyboardCoordinates } from '../board/dnd';
import { stageNameOf, type ContractingPhase } from './contract-text';
import { draggedStageCard } from './StageCard';

/**
 * Drag and drop on the contract and delivery boards: mouse (a few pixels before a drag starts,
 * so a click still opens the card) and keyboard, with the moves spoken for screen readers.
 */
export function useStageDnd(phase: ContractingPhase) {
  const { t } = useTranslation();
  const section = phase === 'contract' ? 'contracts' : 'delivery';
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnKeyboardCoordinates }),
  );
  const accessibility = useMemo(() => {
    const name = (stage: string) => stageNameOf(t, phase, stage);
    const title = (active: { data: { current?: Record<string, unknown> } }) =>
      draggedStageCard(active.data)?.title ?? '';
    const from = (active: { data: { current?: Record<string, unknown> } }) =>
      name(draggedStageCard(active.data)?.stage ?? '');
    // The contracts section holds the announcement sentences; they fit deliveries too.
    const announcements: Announcements = {
      onDragStart: ({ active }) =>
        t('contracts.dnd.start', { title: title(active), stage: from(active) }),
      onDragOver: ({ active, over }) =>
        over
          ? t('contracts.dnd.over', { title: title(active), stage: name(String(over.id)) })
          : t('contracts.dnd.overNone', { title: title(active) }),
      onDragEnd: ({ active, over }) =>
        over && String(over.id) !== draggedStageCard(active.data)?.stage
          ? t('contracts.dnd.end', { title: title(active), stage: name(String(over.id)) })
          : t('contracts.dnd.endNone', { title: title(active) }),
      onDragCancel: ({ active }) =>
        t('contracts.dnd.cancel', { title: title(active), stage: from(active) }),
    };
    return {
      announcements,
      screenReaderInstructions: { draggable: t(`${section}.dnd.instructions`) },
    };
  }, [t, phase, section]);
  return { sensors, accessibility };
}
