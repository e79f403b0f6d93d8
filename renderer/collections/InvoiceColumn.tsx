import Box from '@mui/material/Box';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvoiceCard } from '../../shared/api';
import { addToTotals, type InvoiceStage, type MoneyTotals } from '../../shared/domain';
import { MoneyTotalsText } from '../stage-board/MoneyTotalsText';
import { StageColumn } from '../stage-board/StageColumn';
import type { ShownColumn } from '../stage-board/use-board-view';
import { invoiceStageName } from './invoice-text';

/** Money comes in from left to right: grey-blue while owed, green once paid. */
const STAGE_ACCENT: Record<InvoiceStage, string> = {
  scheduled: '#a7bcd9',
  invoiced: '#2f6fc7',
  partiallyPaid: '#ed8a2f',
  paid: '#2e7d32',
};

interface InvoiceColumnProps {
  /** The stage's cards the filters leave, their amount per currency and the stage's full count. */
  column: ShownColumn<InvoiceCard, InvoiceStage>;
  filtered: boolean;
  dimmed: boolean;
  emptyText: ReactNode;
  /** Open stages only: a WIP limit on Paid would mean nothing. */
  wipLimit?: number;
  onWipLimitChange?(limit: number | undefined): void;
  children: ReactNode;
}

const rowSx = {
  display: 'flex',
  justifyContent: 'space-between',
  alignItems: 'flex-start',
  gap: 1,
  fontSize: 12.5,
  color: 'text.secondary',
  fontVariantNumeric: 'tabular-nums',
} as const;

/** What the shown invoices still owe, per currency. */
function outstandingOf(cards: readonly InvoiceCard[]): MoneyTotals {
  let totals: MoneyTotals = [];
  for (const card of cards) {
    if (card.outstanding.minor > 0) totals = addToTotals(totals, card.outstanding);
  }
  return totals;
}

/**
 * One invoice stage: its count (and WIP limit), the invoiced amount and, while unpaid, what is
 * outstanding, all of the cards the board's filters leave.
 */
export function InvoiceColumn({ column, children, ...rest }: InvoiceColumnProps) {
  const { t } = useTranslation();
  const name = invoiceStageName(t, column.stage);
  const count = column.cards.length;
  const outstanding = useMemo(() => outstandingOf(column.cards), [column.cards]);
  return (
    <StageColumn
      stage={column.stage}
      name={name}
      accent={STAGE_ACCENT[column.stage]}
      count={count}
      total={column.total}
      filtered={rest.filtered}
      countLabel={t('collections.count', { count })}
      cardsLabel={t('collections.columnCards', { stage: name })}
      dimmed={rest.dimmed}
      emptyText={rest.emptyText}
      width={{ basis: 230, max: 360 }}
      collection="invoices"
      amountOf={(id) => column.cards.find((card) => card.id === id)?.amount}
      wipLimit={rest.wipLimit}
      onWipLimitChange={rest.onWipLimitChange}
      summary={
        <Box sx={{ mt: 0.5 }} data-testid={`summary-${column.stage}`}>
          <Box sx={rowSx}>
            <span>{t('collections.total')}</span>
            <Box component="span" sx={{ color: 'text.primary', fontWeight: 600 }}>
              <MoneyTotalsText totals={column.money} />
            </Box>
          </Box>
          {column.stage !== 'paid' && (
            <Box sx={rowSx}>
              <span>{t('collections.outstanding')}</span>
              <MoneyTotalsText totals={outstanding} />
            </Box>
          )}
        </Box>
      }
    >
      {children}
    </StageColumn>
  );
}
