import AddIcon from '@mui/icons-material/Add';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DuplicateRecord, LeadCard } from '../../shared/api';
import {
  checkTransition,
  conversionRefusal,
  isTerminal,
  LEAD_STAGES,
  type LeadStage,
} from '../../shared/domain';
import { useLiveQuery } from '../api/use-live-query';
import { useDialogs } from '../app/dialogs';
import { useNow } from '../app/use-now';
import { localIsoDate, type BoardFields } from '../stage-board/board-filter';
import { wipLimitOf } from '../stage-board/board-prefs';
import { BoardFrame, OverlayTitle } from '../stage-board/BoardFrame';
import { BoardToolbar } from '../stage-board/BoardToolbar';
import { useBoardView } from '../stage-board/use-board-view';
import { ConvertDialog } from './ConvertDialog';
import { DisqualifyDialog } from './DisqualifyDialog';
import { LeadCardBody, LeadCardView } from './LeadCardView';
import { LeadColumn } from './LeadColumn';
import { LeadDialog } from './LeadDialog';
import { LEAD_DRAG } from './lead-dnd';
import { leadStageName } from './lead-text';
import { ScorecardDialog } from './ScorecardDialog';
import { useLeadMove } from './use-lead-move';

type OpenDialog =
  { kind: 'lead'; card?: LeadCard } | { kind: 'score' | 'convert' | 'disqualify'; card: LeadCard };

/** How the board tools read a lead: a lead's company is not yet an account, but filters as one. */
const LEAD_FIELDS: BoardFields<LeadCard> = {
  owner: (card) => ({ id: card.ownerId, name: card.ownerName }),
  account: (card) => ({ id: card.company.trim(), name: card.company.trim() }),
  dates: {
    created: (card) => localIsoDate(card.createdAt),
    stageEntered: (card) => localIsoDate(card.stageEnteredAt),
  },
};

/** The leads board (线索看板): capture, score, qualify, convert or disqualify leads. */
export function LeadsBoard() {
  const { t } = useTranslation();
  const now = useNow();
  const dialogs = useDialogs();
  const { data: board, error } = useLiveQuery('board/leads', {});
  const view = useBoardView('leads', board?.columns, LEAD_FIELDS);
  const { tools, columns, filtered } = view;
  const [open, setOpen] = useState<OpenDialog | null>(null);
  const close = useCallback(() => setOpen(null), []);
  const move = useLeadMove({
    convert: useCallback((card: LeadCard) => setOpen({ kind: 'convert', card }), []),
    disqualify: useCallback((card: LeadCard) => setOpen({ kind: 'disqualify', card }), []),
  });

  const { request } = move;
  const openCard = useCallback((card: LeadCard) => dialogs.openLead({ lead: card }), [dialogs]);
  const score = useCallback((card: LeadCard) => setOpen({ kind: 'score', card }), []);
  const finish = useCallback((card: LeadCard) => setOpen({ kind: 'convert', card }), []);
  const openDuplicate = (duplicate: DuplicateRecord) => {
    if (duplicate.kind === 'lead') return setOpen({ kind: 'lead', card: duplicate.record });
    setOpen(null);
    if (duplicate.kind === 'account') dialogs.openAccount({ account: duplicate.record });
    else dialogs.openContact({ contact: duplicate.record });
  };

  const empty = board !== undefined && board.columns.every((c) => c.count === 0);
  const working = board?.columns
    .filter((c) => !isTerminal('lead', c.stage))
    .flatMap((c) => c.cards);

  return (
    <BoardFrame
      testId="leads-board"
      title={t('leads.title')}
      heading={
        working && (
          <Typography variant="body2" color="text.secondary">
            {t('leads.openCount', { count: working.length })}
            {' · '}
            {t('leads.hotCount', { count: working.filter((c) => c.grade === 'hot').length })}
          </Typography>
        )
      }
      actions={
        <Button
          size="small"
          variant="contained"
          startIcon={<AddIcon />}
          onClick={() => dialogs.openLead()}
        >
          {t('leads.new')}
        </Button>
      }
      toolbar={
        <BoardToolbar
          tools={tools}
          fields={LEAD_FIELDS}
          cards={view.allCards}
          shown={view.shownCards.length}
          me={view.me}
        />
      }
      label={t('leads.label')}
      error={error}
      loadFailed={t('leads.loadFailed')}
      loading={!board}
      stages={LEAD_STAGES}
      skeleton={{ basis: 200, max: 320 }}
      drag={LEAD_DRAG}
      onDrop={(card, to) => request(card, to as LeadStage)}
      overlay={(card) => (
        <>
          <OverlayTitle>{card.company}</OverlayTitle>
          <LeadCardBody card={card} now={now} agingDays={tools.agingDays} />
        </>
      )}
      columns={(dragging) =>
        columns?.map((column, index) => (
          <LeadColumn
            key={column.stage}
            stage={column.stage}
            count={column.cards.length}
            total={column.total}
            filtered={filtered}
            {...wipLimitOf(tools, column.stage, !isTerminal('lead', column.stage))}
            dimmed={
              dragging !== null &&
              dragging.stage !== column.stage &&
              !(column.stage === 'converted'
                ? !conversionRefusal(dragging)
                : checkTransition('lead', dragging.stage, column.stage).allowed)
            }
            emptyText={
              empty && index === 0
                ? t('leads.emptyBoard', { stage: leadStageName(t, column.stage) })
                : t('leads.emptyColumn')
            }
            revealKey={move.lastMovedId ?? undefined}
          >
            {column.cards.map((card) => (
              <LeadCardView
                key={card.id}
                card={card}
                now={now}
                agingDays={tools.agingDays}
                moving={move.pending.has(card.id)}
                problem={move.problemOf(card)}
                onOpen={openCard}
                onMove={request}
                onScore={score}
                onFinishConversion={finish}
                onDismissProblem={move.dismissProblem}
                takeFocus={move.lastMovedId === card.id}
                onFocusTaken={move.focusTaken}
              />
            ))}
          </LeadColumn>
        ))
      }
    >
      {open?.kind === 'lead' && (
        <LeadDialog
          key={open.card?.id ?? 'new'}
          lead={open.card}
          onClose={close}
          onOpenDuplicate={openDuplicate}
        />
      )}
      {open?.kind === 'score' && <ScorecardDialog card={open.card} onClose={close} />}
      {open?.kind === 'convert' && <ConvertDialog card={open.card} onClose={close} />}
      {open?.kind === 'disqualify' && <DisqualifyDialog card={open.card} onClose={close} />}
    </BoardFrame>
  );
}
