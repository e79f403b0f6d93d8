import PersonOutlineIcon from '@mui/icons-material/PersonOutlineOutlined';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { LeadCard } from '../../shared/api';
import { isTerminal, type LeadStage } from '../../shared/domain';
import { AgingDays } from '../stage-board/AgingDays';
import { isAged } from '../stage-board/board-filter';
import { daysInStage } from '../board/card-facts';
import { RefusalNote } from '../stage-board/RefusalNote';
import { CardHeading, cardRowSx, UnfinishedNote } from '../stage-board/CardParts';
import { StageCard } from '../stage-board/StageCard';
import { GradeChip } from './GradeChip';
import { LeadMenu } from './LeadMenu';
import { leadTransitionText } from './lead-text';
import type { LeadMoveProblem } from './use-lead-move';
import { useRecordAccess } from '../access/use-actor';
import { ReadOnlyMark } from '../access/ReadOnlyMark';

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
      <Box sx={{ ...cardRowSx, gap: 1 }}>
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

/** One lead in the kit's card frame: its company, body and menu, and what a refused move says. */
export const LeadCardView = memo(function LeadCardView(props: LeadCardViewProps) {
  const { card, problem } = props;
  const { t } = useTranslation();
  // A colleague's lead is the rep's to look at only: no drag, no menu (the rulebook's answer).
  const { canEdit } = useRecordAccess('leads', card);
  const unfinished = card.stage !== 'converted' && Boolean(card.convertedOpportunityId);
  return (
    <StageCard
      card={card}
      collection="leads"
      draggable={canEdit}
      roleDescription={t('leads.dnd.roleDescription')}
      label={t('leads.card.label', { company: card.company })}
      moving={props.moving}
      warn={Boolean(problem) || unfinished}
      aged={leadAged(card, props.now, props.agingDays)}
      takeFocus={props.takeFocus}
      onFocusTaken={props.onFocusTaken}
      refusal={
        problem && (
          <RefusalNote
            title={t('leads.move.notAllowedTitle')}
            onDismiss={() => props.onDismissProblem(card.id)}
          >
            {leadTransitionText(t, problem.error)}
          </RefusalNote>
        )
      }
      sx={{ borderLeft: card.grade === 'hot' ? '3px solid #d32f2f' : undefined }}
      data={{ 'data-lead-id': card.id }}
      onOpen={() => props.onOpen(card)}
    >
      <CardHeading
        label={t('leads.card.open', { company: card.company })}
        title={card.company}
        actions={
          canEdit ? (
            <LeadMenu
              card={card}
              onMove={(to) => props.onMove(card, to)}
              onScore={() => props.onScore(card)}
            />
          ) : (
            <ReadOnlyMark ownerName={card.ownerName} />
          )
        }
      />
      <LeadCardBody card={card} now={props.now} agingDays={props.agingDays} />
      {unfinished && (
        <UnfinishedNote
          text={t('leads.card.unfinished')}
          action={t('leads.card.finish')}
          onClick={() => props.onFinishConversion(card)}
        />
      )}
    </StageCard>
  );
});
