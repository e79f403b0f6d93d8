import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
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
import { localIsoDate as dayOf, type BoardFields } from '../board/board-filter';
import { BoardToolbar } from '../board/BoardToolbar';
import { columnCollision, columnKeyboardCoordinates } from '../board/dnd';
import { MoneyTotalsText } from '../board/MoneyTotalsText';
import { useBoardView } from '../contracts/use-board-view';
import { crmErrorText } from '../i18n/error-text';
import { AgeingStrip } from './AgeingStrip';
import { InvoiceCardBody, InvoiceCardView, draggedInvoice } from './InvoiceCardView';
import { InvoiceColumn } from './InvoiceColumn';
import { InvoiceDialog } from './InvoiceDialog';
import {
  canDrop,
  invoiceDragAnnouncements,
  invoiceScreenReaderInstructions,
  refusedDropText,
} from './invoice-dnd';
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
  const [dragging, setDragging] = useState<InvoiceCard | null>(null);
  const close = useCallback(() => setOpen(null), []);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnKeyboardCoordinates }),
  );
  const accessibility = useMemo(
    () => ({
      announcements: invoiceDragAnnouncements(t),
      screenReaderInstructions: invoiceScreenReaderInstructions(t),
    }),
    [t],
  );
  const onDragStart = useCallback(
    ({ active }: DragStartEvent) => setDragging(draggedInvoice(active.data) ?? null),
    [],
  );
  const onDragEnd = useCallback(
    ({ active, over }: DragEndEvent) => {
      setDragging(null);
      const card = draggedInvoice(active.data);
      const to = over ? String(over.id) : undefined;
      if (!card || !to || to === card.stage) return;
      if (canDrop(card.stage, to)) setOpen({ kind: 'issue', card });
      else notify(refusedDropText(t, to), 'warning');
    },
    [notify, t],
  );
  const openCard = useCallback((card: InvoiceCard) => setOpen({ kind: 'invoice', card }), []);
  const issue = useCallback((card: InvoiceCard) => setOpen({ kind: 'issue', card }), []);
  const pay = useCallback((card: InvoiceCard) => setOpen({ kind: 'payment', card }), []);

  if (error && !board) {
    return (
      <Alert severity="error" sx={{ m: 2 }}>
        {t('collections.loadFailed')}: {crmErrorText(t, error)}
      </Alert>
    );
  }
  const empty = board !== undefined && board.columns.every((c) => c.count === 0);
  // The board's cards are the live ones: a dialog shows the invoice as it is now.
  const live = (card: InvoiceCard) =>
    board?.columns.flatMap((c) => c.cards).find((c) => c.id === card.id) ?? card;

  return (
    <Box
      data-testid="collections-board"
      sx={{ height: '100%', display: 'flex', flexDirection: 'column', minHeight: 0 }}
    >
      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 3, px: 2, pt: 1.75, pb: 1.25 }}>
        <Typography variant="h1">{t('collections.title')}</Typography>
        {report && report.outstanding.length > 0 && (
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
        )}
      </Box>
      <AgeingStrip report={report} />
      <BoardToolbar
        tools={tools}
        fields={INVOICE_FIELDS}
        cards={view.allCards}
        shown={shownCards.length}
        me={view.me}
        dateFields={['dueOn', 'issuedOn', 'stageEntered']}
      />
      <DndContext
        sensors={sensors}
        collisionDetection={columnCollision}
        accessibility={accessibility}
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        onDragCancel={() => setDragging(null)}
      >
        <Box
          role="group"
          aria-label={t('collections.label')}
          sx={{ flex: 1, minHeight: 0, display: 'flex', gap: 1, px: 2, pb: 2, overflowX: 'auto' }}
        >
          {!columns &&
            INVOICE_STAGES.map((stage) => (
              <Skeleton
                key={stage}
                variant="rounded"
                sx={{ flex: '1 0 230px', maxWidth: 360, height: 240 }}
              />
            ))}
          {columns?.map((column, index) => (
            <InvoiceColumn
              key={column.stage}
              column={column}
              filtered={filtered}
              {...(isTerminal('invoice', column.stage)
                ? {}
                : {
                    wipLimit: tools.wip[column.stage],
                    onWipLimitChange: (limit: number | undefined) =>
                      tools.setWipLimit(column.stage, limit),
                  })}
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
          ))}
        </Box>
        <DragOverlay dropAnimation={null}>
          {dragging && (
            <Paper elevation={8} sx={{ p: 1.25, cursor: 'grabbing', transform: 'rotate(1.5deg)' }}>
              <Typography sx={{ fontWeight: 600, fontSize: 13.5 }}>
                {dragging.accountName}
              </Typography>
              <InvoiceCardBody card={dragging} now={now} agingDays={tools.agingDays} />
            </Paper>
          )}
        </DragOverlay>
      </DndContext>
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
    </Box>
  );
}
