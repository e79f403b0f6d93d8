import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvoiceCard } from '../../shared/api';
import { INVOICE_STAGES, isTerminal } from '../../shared/domain';
import { ageReceivables } from '../../shared/domain/ageing';
import { localIsoDate } from '../activities/local-day';
import { useLiveQuery } from '../api/use-live-query';
import { useNotify } from '../app/notifier';
import { useNow } from '../app/use-now';
import { localIsoDate as dayOf, type BoardFields } from '../stage-board/board-filter';
import { BoardToolbar } from '../stage-board/BoardToolbar';
import { wipLimitOf } from '../stage-board/board-prefs';
import { BoardFrame, OverlayTitle } from '../stage-board/BoardFrame';
import { MoneyTotalsText } from '../stage-board/MoneyTotalsText';
import { useBoardView } from '../stage-board/use-board-view';
import { AgeingStrip } from './AgeingStrip';
import { InvoiceCardBody, InvoiceCardView } from './InvoiceCardView';
import { InvoiceColumn } from './InvoiceColumn';
import { InvoiceDialog } from './InvoiceDialog';
import { canDrop, INVOICE_DRAG, refusedDropText } from './invoice-dnd';
import { invoiceStageName } from './invoice-text';
import { IssueInvoiceDialog } from './IssueInvoiceDialog';
import { RecordPaymentDialog } from './RecordPaymentDialog';

/** How the board tools read an invoice: owner, customer, amount, due and issue dates. */
const INVOICE_FIELDS: BoardFields<InvoiceCard> = {
  owner: (card) => ({ id: card.ownerId, name: card.ownerName }),
  account: (card) => ({ id: card.accountId, name: card.accountName }),
  amount: (card) => card.amount,
  dates: {
    dueOn: (card) => card.dueOn,
    issuedOn: (card) => card.issuedOn,
    stageEntered: (card) => dayOf(card.stageEnteredAt),
  },
};

type OpenDialog = { kind: 'invoice' | 'issue' | 'payment'; card: InvoiceCard };

/**
 * The collections board (回款看板): invoices from Scheduled to Paid, with the AR ageing on top.
 * Issuing is the only hand move (drag to Invoiced, or the card's button); the paid stages follow
 * the payments recorded. Overdue is judged on the person's own calendar day.
 */
export function CollectionsBoard() {
  const { t } = useTranslation();
  const now = useNow();
  const notify = useNotify();
  const today = localIsoDate(now);
  const { data: board, error } = useLiveQuery('board/invoices', { today });
  const { data: ageing } = useLiveQuery('collections/ageing', { today });
  const view = useBoardView('collections', board?.columns, INVOICE_FIELDS);
  const { tools, filtered, columns, shownCards } = view;
  // With filters on, the ageing and the header describe the invoices shown, as the columns do;
  // without, the core's live report (the same sums over every invoice) is used as it is.
  const filteredAgeing = useMemo(
    () => (filtered && board ? ageReceivables(shownCards, board.today) : undefined),
    [filtered, board, shownCards],
  );
  const report = filtered ? filteredAgeing : ageing;
  const [open, setOpen] = useState<OpenDialog | null>(null);
  const close = useCallback(() => setOpen(null), []);
  const drop = useCallback(
    (card: InvoiceCard, to: string) => {
      if (canDrop(card.stage, to)) setOpen({ kind: 'issue', card });
      else notify(refusedDropText(t, to), 'warning');
    },
    [notify, t],
  );
  const openCard = useCallback((card: InvoiceCard) => setOpen({ kind: 'invoice', card }), []);
  const issue = useCallback((card: InvoiceCard) => setOpen({ kind: 'issue', card }), []);
  const pay = useCallback((card: InvoiceCard) => setOpen({ kind: 'payment', card }), []);

  const empty = board !== undefined && board.columns.every((c) => c.count === 0);
  // The board's cards are the live ones: a dialog shows the invoice as it is now.
  const live = (card: InvoiceCard) =>
    board?.columns.flatMap((c) => c.cards).find((c) => c.id === card.id) ?? card;

  return (
    <BoardFrame
      testId="collections-board"
      title={t('collections.title')}
      heading={
        report &&
        report.outstanding.length > 0 && (
          <Typography
            variant="body2"
            color="text.secondary"
            component="div"
            data-testid="board-summary"
          >
            <Box component="span" sx={{ display: 'inline-flex', gap: 0.5 }}>
              {t('collections.outstanding')} <MoneyTotalsText totals={report.outstanding} />
            </Box>
            {report.overdueCount > 0 && (
              <Box component="span" sx={{ color: 'error.main', ml: 1 }}>
                {' · '}
                {t('collections.overdueSummary', { count: report.overdueCount })}
              </Box>
            )}
          </Typography>
        )
      }
      above={<AgeingStrip report={report} />}
      toolbar={
        <BoardToolbar
          tools={tools}
          fields={INVOICE_FIELDS}
          cards={view.allCards}
          shown={shownCards.length}
          me={view.me}
          dateFields={['dueOn', 'issuedOn', 'stageEntered']}
        />
      }
      label={t('collections.label')}
      error={error}
      loadFailed={t('collections.loadFailed')}
      loading={!columns}
      stages={INVOICE_STAGES}
      skeleton={{ basis: 230, max: 360 }}
      drag={INVOICE_DRAG}
      onDrop={drop}
      overlay={(card) => (
        <>
          <OverlayTitle>{card.accountName}</OverlayTitle>
          <InvoiceCardBody card={card} now={now} agingDays={tools.agingDays} />
        </>
      )}
      columns={(dragging) =>
        columns?.map((column, index) => (
          <InvoiceColumn
            key={column.stage}
            column={column}
            filtered={filtered}
            {...wipLimitOf(tools, column.stage, !isTerminal('invoice', column.stage))}
            dimmed={
              dragging !== null &&
              dragging.stage !== column.stage &&
              !canDrop(dragging.stage, column.stage)
            }
            emptyText={
              empty && index === 0
                ? t('collections.emptyBoard', { stage: invoiceStageName(t, column.stage) })
                : t('collections.emptyColumn')
            }
          >
            {column.cards.map((card) => (
              <InvoiceCardView
                key={card.id}
                card={card}
                now={now}
                agingDays={tools.agingDays}
                onOpen={openCard}
                onIssue={issue}
                onRecordPayment={pay}
              />
            ))}
          </InvoiceColumn>
        ))
      }
    >
      {open?.kind === 'invoice' && (
        <InvoiceDialog
          key={open.card.id}
          card={live(open.card)}
          onClose={close}
          onIssue={issue}
          onRecordPayment={pay}
        />
      )}
      {open?.kind === 'issue' && (
        <IssueInvoiceDialog card={live(open.card)} today={today} onClose={close} />
      )}
      {open?.kind === 'payment' && (
        <RecordPaymentDialog card={live(open.card)} today={today} onClose={close} />
      )}
    </BoardFrame>
  );
}
