import { useDraggable } from '@dnd-kit/core';
import PersonOutlineIcon from '@mui/icons-material/PersonOutlineOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { LeadCard } from '../../shared/api';
import { isTerminal, type LeadStage } from '../../shared/domain';
import { AgingDays, agedCardSx } from '../stage-board/AgingDays';
import { isAged } from '../stage-board/board-filter';
import { daysInStage } from '../board/card-facts';
import { RefusalNote } from '../stage-board/RefusalNote';
import { MovingVeil, CardTitle, openUnlessAction } from '../stage-board/CardParts';
import { useListPosition } from '../stage-board/list-position';
import { useTakeFocus } from '../stage-board/use-take-focus';
import { GradeChip } from './GradeChip';
import { LeadMenu } from './LeadMenu';
import { leadTransitionText } from './lead-text';
import type { LeadMoveProblem } from './use-lead-move';
import { useRecordAccess } from '../access/use-actor';
import { ReadOnlyMark } from '../access/ReadOnlyMark';
import { SyncProblemMark } from '../access/SyncProblemMark';

/** What a dragged lead card carries, so drops and announcements need no lookup. */
export interface LeadDragData {
  lead: LeadCard;
}

export function draggedLead(data: {
  current?: Record<string, unknown> | undefined;
}): LeadCard | undefined {
  return (data.current as Partial<LeadDragData> | undefined)?.lead;
}

interface LeadCardViewProps {
  card: LeadCard;
  now: number;
  moving: boolean;
  problem: LeadMoveProblem | undefined;
  onOpen(card: LeadCard): void;
  onMove(card: LeadCard, to: LeadStage): void;
  onScore(card: LeadCard): void;
  onFinishConversion(card: LeadCard): void;
  onDismissProblem(id: string): void;
  /** Just moved here by the menu or the keyboard: take the focus back (once). */
  takeFocus?: boolean;
  onFocusTaken?(): void;
  /** The board's aging threshold in days: a card longer in an open stage is highlighted. */
  agingDays?: number;
}

const ellipsis = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;

/** Past the board's threshold in an open stage (converted and disqualified leads are done). */
const leadAged = (card: LeadCard, now: number, agingDays: number | undefined) =>
  agingDays !== undefined &&
  !isTerminal('lead', card.stage) &&
  isAged(card.stageEnteredAt, now, agingDays);

/** The lines under the company name; also what the drag overlay shows. */
export function LeadCardBody({
  card,
  now,
  agingDays,
}: {
  card: LeadCard;
  now: number;
  agingDays?: number;
}) {
  const { t } = useTranslation();
  const days = daysInStage(card, now);
  // A stamp on a lead that is not Converted is a conversion a crash cut short (lead-convert.ts).
  return (
    <>
      {card.contactName && (
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5, color: 'text.secondary' }}>
          <PersonOutlineIcon sx={{ fontSize: 15, opacity: 0.7 }} />
          <Typography variant="body2" sx={{ ...ellipsis, fontSize: 12.5 }}>
            {card.contactName}
          </Typography>
        </Box>
      )}
      <Box
        sx={{
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'space-between',
          gap: 1,
          mt: 0.75,
        }}
      >
        <GradeChip grade={card.grade} score={card.score} />
        <Box component="span" sx={{ fontSize: 12, color: 'text.secondary', ...ellipsis }}>
          {card.source ? t('leads.card.source', { source: card.source }) : null}
          {card.source ? ' · ' : null}
          <AgingDays days={days} limit={agingDays ?? 0} aged={leadAged(card, now, agingDays)} />
        </Box>
      </Box>
      {card.stage === 'disqualified' && card.disqualifiedReason && (
        <Typography variant="body2" sx={{ mt: 0.75, fontSize: 12, color: 'text.secondary' }}>
          {t('leads.card.disqualifiedReason', { reason: card.disqualifiedReason })}
        </Typography>
      )}
      {card.stage === 'converted' && (
        <Typography variant="body2" sx={{ mt: 0.75, fontSize: 12, color: 'success.dark' }}>
          {t('leads.card.converted')}
        </Typography>
      )}
    </>
  );
}

/** One lead: the card is the drag handle, a click opens it, its menu offers every action. */
export const LeadCardView = memo(function LeadCardView(props: LeadCardViewProps) {
  const { card, problem } = props;
  const { t } = useTranslation();
  const data: LeadDragData = { lead: card };
  // A colleague's lead is the rep's to look at only: no drag, no menu (the rulebook's answer).
  const { canEdit } = useRecordAccess('leads', card);
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: card.id,
    data,
    disabled: !canEdit,
    attributes: { role: 'listitem', roleDescription: t('leads.dnd.roleDescription') },
  });
  const { 'aria-pressed': _pressed, 'aria-disabled': _disabled, ...a11y } = attributes;
  const ref = useTakeFocus(setNodeRef, props.takeFocus, props.onFocusTaken);
  const position = useListPosition();
  const aged = leadAged(card, props.now, props.agingDays);
  const unfinished = card.stage !== 'converted' && Boolean(card.convertedOpportunityId);
  const open = openUnlessAction(() => props.onOpen(card));
  return (
    <Paper
      ref={ref}
      {...a11y}
      {...position}
      {...listeners}
      aria-label={t('leads.card.label', { company: card.company })}
      aria-busy={props.moving || undefined}
      data-lead-id={card.id}
      onClick={open}
      variant="outlined"
      sx={{
        position: 'relative',
        px: 1.125,
        py: 1.25,
        cursor: 'grab',
        opacity: isDragging ? 0.45 : 1,
        ...(aged ? agedCardSx : {}),
        borderColor:
          problem || unfinished ? 'warning.main' : aged ? agedCardSx.borderColor : 'divider',
        borderLeft: card.grade === 'hot' ? '3px solid #d32f2f' : undefined,
        '&:hover': { boxShadow: 2 },
        '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: 1 },
        touchAction: 'manipulation',
      }}
    >
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 0.5 }}>
        <CardTitle label={t('leads.card.open', { company: card.company })}>
          {card.company}
        </CardTitle>
        {canEdit ? (
          <LeadMenu
            card={card}
            onMove={(to) => props.onMove(card, to)}
            onScore={() => props.onScore(card)}
          />
        ) : (
          <ReadOnlyMark ownerName={card.ownerName} />
        )}
      </Box>
      <LeadCardBody card={card} now={props.now} agingDays={props.agingDays} />
      {unfinished && (
        <Alert severity="warning" icon={false} sx={{ mt: 1, py: 0, px: 1 }}>
          {t('leads.card.unfinished')}
          <Button
            size="small"
            variant="outlined"
            color="warning"
            data-card-action
            onClick={() => props.onFinishConversion(card)}
            sx={{ display: 'block', mt: 0.5, py: 0, bgcolor: 'background.paper' }}
          >
            {t('leads.card.finish')}
          </Button>
        </Alert>
      )}
      {props.moving && <MovingVeil />}
      {problem && (
        <RefusalNote
          title={t('leads.move.notAllowedTitle')}
          onDismiss={() => props.onDismissProblem(card.id)}
        >
          {leadTransitionText(t, problem.error)}
        </RefusalNote>
      )}
      <SyncProblemMark collection="leads" recordId={card.id} onFix={() => props.onOpen(card)} />
    </Paper>
  );
});
