import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LeadStage } from '../../shared/domain';
import { StageColumn } from '../stage-board/StageColumn';
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
  stage: LeadStage;
  /** Leads shown (after the board's filters) and in the stage. */
  count: number;
  total: number;
  filtered: boolean;
  /** While a card is dragged: this column would refuse it. */
  dimmed: boolean;
  emptyText: ReactNode;
  /** Open stages only: a WIP limit on Converted or Disqualified would mean nothing. */
  wipLimit?: number;
  onWipLimitChange?(limit: number | undefined): void;
  /** The card a move just landed: the (long, virtualised) column scrolls it into view. */
  revealKey?: string;
  children: ReactNode;
}

/** One lead stage: the shared stage column with its name, count and WIP limit. */
export function LeadColumn({ stage, count, children, ...rest }: LeadColumnProps) {
  const { t } = useTranslation();
  const name = leadStageName(t, stage);
  return (
    <StageColumn
      stage={stage}
      name={name}
      accent={STAGE_ACCENT[stage]}
      count={count}
      total={rest.total}
      filtered={rest.filtered}
      countLabel={t('leads.count', { count })}
      cardsLabel={t('leads.columnCards', { stage: name })}
      dimmed={rest.dimmed}
      emptyText={rest.emptyText}
      width={{ basis: 200, max: 320 }}
      wipLimit={rest.wipLimit}
      onWipLimitChange={rest.onWipLimitChange}
      revealKey={rest.revealKey}
      collection="leads"
    >
      {children}
    </StageColumn>
  );
}
