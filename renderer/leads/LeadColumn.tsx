import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LeadColumn as LeadColumnData } from '../../shared/api';
import type { LeadStage } from '../../shared/domain';
import { StageColumn } from '../board/StageColumn';
import { leadStageName } from './lead-text';

/** Open stages warm from grey-blue to blue; converted is green, disqualified grey. */
const STAGE_ACCENT: Record<LeadStage, string> = {
  new: '#a7bcd9',
  contacted: '#6f9ad6',
  qualified: '#2f6fc7',
  converted: '#2e7d32',
  disqualified: '#8a94a3',
};

interface LeadColumnProps {
  column: LeadColumnData;
  /** While a card is dragged: this column would refuse it. */
  dimmed: boolean;
  emptyText: ReactNode;
  children: ReactNode;
}

/** One lead stage: the shared stage column with its name and count. */
export function LeadColumn({ column, dimmed, emptyText, children }: LeadColumnProps) {
  const { t } = useTranslation();
  const name = leadStageName(t, column.stage);
  return (
    <StageColumn
      stage={column.stage}
      name={name}
      accent={STAGE_ACCENT[column.stage]}
      count={column.count}
      countLabel={t('leads.count', { count: column.count })}
      cardsLabel={t('leads.columnCards', { stage: name })}
      dimmed={dimmed}
      emptyText={emptyText}
      width={{ basis: 200, max: 320 }}
    >
      {children}
    </StageColumn>
  );
}
