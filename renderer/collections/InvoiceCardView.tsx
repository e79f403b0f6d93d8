import DescriptionOutlinedIcon from '@mui/icons-material/DescriptionOutlined';
import EventOutlinedIcon from '@mui/icons-material/EventOutlined';
import HourglassBottomIcon from '@mui/icons-material/HourglassBottom';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { memo, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvoiceCard } from '../../shared/api';
import { isTerminal } from '../../shared/domain';
import { AgingDays } from '../stage-board/AgingDays';
import { isAged } from '../stage-board/board-filter';
import { daysInStage } from '../board/card-facts';
import { CardHeading } from '../stage-board/CardParts';
import { StageCard } from '../stage-board/StageCard';
import { HistoryButton } from '../history/HistoryDrawer';
import { useFormat } from '../i18n/format';
import { invoiceName } from './invoice-text';
import { useRecordAccess } from '../access/use-actor';
import { ReadOnlyMark } from '../access/ReadOnlyMark';

const ellipsis = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;
const lineSx = { display: 'flex', alignItems: 'center', gap: 0.5, minWidth: 0 } as const;
const iconSx = { fontSize: 14, color: 'text.disabled', flexShrink: 0 } as const;
const stop = (event: SyntheticEvent) => event.stopPropagation();

/** Past the board's aging threshold while still owed (a paid invoice's days are history). */
export function invoiceAged(card: InvoiceCard, now: number, agingDays: number | undefined) {
  return (
    agingDays !== undefined &&
    !isTerminal('invoice', card.stage) &&
    isAged(card.stageEnteredAt, now, agingDays)
  );
}

/** The lines under the customer's name; also what the drag overlay shows. */
export function InvoiceCardBody({
  card,
  now,
  agingDays,
}: {
  card: InvoiceCard;
  now: number;
  /** The board's aging threshold: past it in an open stage, the days in stage turn amber. */
  agingDays?: number;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const days = daysInStage(card, now);
  const aged = invoiceAged(card, now, agingDays);
  const contract = card.contractNumber
    ? `${card.contractTitle} · ${card.contractNumber}`
    : card.contractTitle;
  const paidInFull = card.outstanding.minor === 0 && card.stage === 'paid';
  return (
    <>
      <Box sx={{ ...lineSx, mt: 0.25, color: 'text.secondary' }}>
        <DescriptionOutlinedIcon sx={iconSx} />
        <Typography variant="body2" sx={{ ...ellipsis, fontSize: 12.5 }} title={contract}>
          {contract}
        </Typography>
      </Box>
      <Typography variant="body2" sx={{ ...ellipsis, fontSize: 12, color: 'text.secondary' }}>
        {[
          card.milestone,
          // A scheduled invoice's number is only provisional until it is issued: showing it would
          // read as if the invoice had gone out.
          card.number && card.stage !== 'scheduled'
            ? t('collections.card.number', { number: card.number })
            : undefined,
        ]
          .filter(Boolean)
          .join(' · ') || t('collections.card.noNumber')}
      </Typography>
      <Box
        sx={{
          display: 'flex',
          flexWrap: 'wrap',
          alignItems: 'baseline',
          justifyContent: 'space-between',
          columnGap: 1,
          mt: 0.75,
        }}
      >
        <Typography sx={{ fontWeight: 700, fontSize: 13.5, whiteSpace: 'nowrap' }}>
          {format.money(card.amount)}
        </Typography>
        {card.stage === 'partiallyPaid' && (
          <Typography
            sx={{ fontSize: 12, color: 'warning.dark', fontWeight: 600, whiteSpace: 'nowrap' }}
          >
            {t('collections.card.outstanding', { amount: format.money(card.outstanding) })}
          </Typography>
        )}
        {paidInFull && (
          <Typography sx={{ fontSize: 12, color: 'success.dark', fontWeight: 600 }}>
            {t('collections.card.paidInFull')}
          </Typography>
        )}
      </Box>
      {/* Overdue, due date and days in stage: a narrow column wraps them rather than cut them. */}
      <Box sx={{ ...lineSx, flexWrap: 'wrap', rowGap: 0.25, mt: 0.5, fontSize: 12 }}>
        {card.overdue ? (
          <Box
            component="span"
            data-overdue
            sx={{
              ...lineSx,
              px: 0.75,
              borderRadius: 1,
              bgcolor: 'error.main',
              color: 'error.contrastText',
              fontWeight: 700,
              whiteSpace: 'nowrap',
            }}
          >
            {t('collections.card.overdue', { count: card.daysOverdue })}
          </Box>
        ) : null}
        <Box
          component="span"
          sx={{
            ...lineSx,
            whiteSpace: 'nowrap',
            color: card.overdue ? 'error.main' : 'text.secondary',
          }}
        >
          <EventOutlinedIcon sx={{ ...iconSx, color: 'inherit', opacity: 0.8 }} />
          {t('collections.card.due', { date: format.shortDate(card.dueOn, now) })}
        </Box>
        <Box
          component="span"
          sx={{
            ...lineSx,
            ml: 'auto',
            flexShrink: 0,
            whiteSpace: 'nowrap',
            color: 'text.secondary',
          }}
          title={aged ? undefined : t('card.daysInStage', { count: days })}
        >
          {aged ? (
            <AgingDays days={days} limit={agingDays ?? 0} aged />
          ) : (
            <>
              <HourglassBottomIcon sx={{ ...iconSx, color: 'inherit', fontSize: 13 }} />
              {t('card.daysShort', { count: days })}
            </>
          )}
        </Box>
      </Box>
    </>
  );
}

interface InvoiceCardViewProps {
  card: InvoiceCard;
  now: number;
  onOpen(card: InvoiceCard): void;
  onIssue(card: InvoiceCard): void;
  onRecordPayment(card: InvoiceCard): void;
  /** The board's aging threshold in days. */
  agingDays?: number;
}

/**
 * One invoice: the card is the drag handle (only Scheduled → Invoiced is a drag: it opens the
 * issue dialog), a click opens the invoice, and its one button is the next thing to do with it.
 * Overdue invoices carry a red edge and the days they are late.
 */
export const InvoiceCardView = memo(function InvoiceCardView(props: InvoiceCardViewProps) {
  const { card } = props;
  const { t } = useTranslation();
  const name = invoiceName(card);
  // A colleague's invoice is the rep's to look at only (the rulebook's answer).
  const { canEdit } = useRecordAccess('invoices', card);
  const draggable = canEdit && card.stage === 'scheduled';
  const aged = invoiceAged(card, props.now, props.agingDays);
  const action = !canEdit
    ? undefined
    : card.stage === 'scheduled'
      ? { label: t('collections.card.issue'), run: () => props.onIssue(card) }
      : card.stage === 'invoiced' || card.stage === 'partiallyPaid'
        ? { label: t('collections.card.record'), run: () => props.onRecordPayment(card) }
        : undefined;
  return (
    <StageCard
      card={card}
      collection="invoices"
      draggable={draggable}
      // A card that cannot be dragged is not announced as draggable: it only opens.
      roleDescription={draggable ? t('collections.dnd.roleDescription') : undefined}
      label={t('collections.card.label', { name })}
      // Overdue keeps its red edge; an aged card that is not overdue gets the amber one.
      aged={aged && !card.overdue}
      sx={{
        cursor: draggable ? 'grab' : 'pointer',
        // The collections columns have always taken the width their invoices' lines ask for (a
        // long milestone widens its column); a change of structure keeps that look.
        contain: 'none',
        ...(card.overdue
          ? { borderColor: 'error.light', borderLeft: '3px solid', borderLeftColor: 'error.main' }
          : {}),
      }}
      data={{ 'data-invoice-id': card.id, 'data-overdue': card.overdue || undefined }}
      onOpen={() => props.onOpen(card)}
    >
      <CardHeading
        label={t('collections.card.open', { name })}
        title={card.accountName}
        actions={
          <>
            {/* Not a drag handle, and a click here is not a click on the card. */}
            <Box
              data-card-action
              onPointerDown={stop}
              onKeyDown={stop}
              sx={{ mt: -0.5, mr: -0.75, color: 'text.secondary' }}
            >
              <HistoryButton recordType="invoice" recordId={card.id} title={name} />
            </Box>
            {!canEdit && <ReadOnlyMark ownerName={card.ownerName} />}
          </>
        }
      />
      <InvoiceCardBody card={card} now={props.now} agingDays={props.agingDays} />
      {action && (
        <Button
          size="small"
          variant="outlined"
          data-card-action
          onClick={action.run}
          onPointerDown={stop}
          onKeyDown={stop}
          sx={{ mt: 1, py: 0.125, width: '100%' }}
        >
          {action.label}
        </Button>
      )}
    </StageCard>
  );
});
