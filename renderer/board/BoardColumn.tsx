import Box from '@mui/material/Box';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpportunityColumn } from '../../shared/api';
import type { OpportunityStage } from '../../shared/domain';
import { stageName } from '../i18n/error-text';
import { ColumnTotals } from '../stage-board/ColumnTotals';
import type { ColumnToolsProps } from './opportunity-figures';
import { StageColumn } from '../stage-board/StageColumn';

/** Open stages deepen in blue as the deal matures; won is green, lost grey. */
export const STAGE_ACCENT: Record<OpportunityStage, string> = {
  qualify: '#8fb3e6',
  solution: '#5b8fd9',
  proposal: '#2f6fc7',
  negotiation: '#1d4f9a',
  won: '#2e7d32',
  lost: '#8a94a3',
};

interface BoardColumnProps {
  column: OpportunityColumn;
  /** While a card is dragged: this column would refuse it by the transition rules. */
  dimmed: boolean;
  children: ReactNode;
  emptyText: ReactNode;
  /** The column's colour in a pipeline with its own stages (renderer/pipelines/board-pipeline). */
  accent?: string;
  /** Board tools: figures of the filtered cards, WIP limit (renderer/board/board-filter.ts). */
  tools?: ColumnToolsProps;
}

/** One opportunity stage: the shared stage column with the stage's win rate and money. */
export function BoardColumn({
  column,
  dimmed,
  children,
  emptyText,
  accent,
  tools,
}: BoardColumnProps) {
  const { t } = useTranslation();
  const shown = tools?.shown ?? column;
  // A pipeline's own stages carry their name; built-in ones are translated.
  const name = column.name ?? stageName(t, column.stage);
  return (
    <StageColumn
      stage={column.stage}
      name={name}
      accent={accent ?? STAGE_ACCENT[column.stage as OpportunityStage] ?? '#5b8fd9'}
      count={shown.count}
      total={column.count}
      filtered={tools?.filtered}
      wipLimit={tools?.wipLimit}
      onWipLimitChange={tools?.onWipLimitChange}
      revealKey={tools?.revealKey}
      countLabel={t('board.count', { count: shown.count })}
      cardsLabel={t('board.columnCards', { stage: name })}
      dimmed={dimmed}
      emptyText={emptyText}
      width={{ basis: 196, max: 340 }}
      collection="opportunities"
      amountOf={(id) => column.cards.find((card) => card.id === id)?.amount}
      summary={
        <ColumnTotals
          before={
            <>
              <dt>{t('board.probabilityLabel')}</dt>
              <Box component="dd" sx={{ fontWeight: '400 !important', color: 'text.secondary' }}>
                {t('board.probabilityValue', { value: column.probability })}
              </Box>
            </>
          }
          lines={[
            { label: t('board.total'), totals: shown.total, testId: 'column-total' },
            { label: t('board.weighted'), totals: shown.weighted, testId: 'column-weighted' },
          ]}
          empty={t('board.noAmounts')}
        />
      }
    >
      {children}
    </StageColumn>
  );
}
