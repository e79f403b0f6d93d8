import { useTranslation } from 'react-i18next';
import type { LeadCard } from '../../shared/api';
import { isTerminal, LEAD_STAGES, type LeadStage } from '../../shared/domain';
import { StageMoveMenu, type MenuWords } from '../stage-board/StageMoveMenu';
import { leadStageName } from './lead-text';

/** Converted is reached only through the conversion dialog (the menu's "Convert"), not a move. */
const MOVE_STAGES = LEAD_STAGES.filter((stage) => stage !== 'converted');

const LEAD_MENU_WORDS: MenuWords = {
  title: 'leads.menu.title',
  moveTo: 'leads.menu.moveTo',
  current: 'leads.menu.current',
};

/**
 * The card's actions: score, convert (from Qualified only), the lead's history, and "Move to…"
 * every stage. Converted and Disqualified open their dialogs.
 */
export function LeadMenu({
  card,
  onMove,
  onScore,
}: {
  card: LeadCard;
  onMove(to: LeadStage): void;
  onScore(): void;
}) {
  const { t } = useTranslation();
  return (
    <StageMoveMenu
      label={t('leads.menu.label', { company: card.company })}
      words={LEAD_MENU_WORDS}
      actions={
        isTerminal('lead', card.stage)
          ? []
          : [
              { key: 'score', label: t('leads.menu.score'), run: onScore },
              {
                key: 'convert',
                label: t('leads.menu.convert'),
                disabled: card.stage !== 'qualified',
                run: () => onMove('converted'),
              },
            ]
      }
      history={{ recordType: 'lead', recordId: card.id, title: card.company }}
      stages={MOVE_STAGES.map((stage) => ({ key: stage, name: leadStageName(t, stage) }))}
      current={card.stage}
      onMove={onMove}
    />
  );
}
