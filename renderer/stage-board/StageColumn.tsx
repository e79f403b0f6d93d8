import { useDroppable } from '@dnd-kit/core';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { Children, isValidElement, useId, useRef, type ReactElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isOverWip } from './board-filter';
import { ColumnCount } from './ColumnCount';
import { VirtualCardList } from './VirtualCardList';
import { WipLimitMenu } from './WipLimitMenu';
import type { Money } from '../../shared/domain';
import { NotAcceptedNote } from '../access/NotAcceptedNote';

/**
 * From this many cards a column renders only those near its viewport. Below it every card is in
 * the DOM: cheaper than measuring, and the browser's find-in-page still sees them all.
 */
export const VIRTUALIZE_FROM = 40;

interface StageColumnProps {
  /** The stage id: the drop target's id and `data-stage`. */
  stage: string;
  /** The stage's name in the current language. */
  name: string;
  /** Colour of the column's top edge. */
  accent: string;
  /** Cards shown (after the board's filters). */
  count: number;
  /** Cards in the stage before filters; defaults to `count` (a board without filters). */
  total?: number;
  /** Filters are on: the header says "of N" and an empty column says nothing matched. */
  filtered?: boolean;
  /** Spoken name of the count badge ("3 opportunities"). */
  countLabel: string;
  /** Spoken name of the card list ("Cards in Proposal"). */
  cardsLabel: string;
  /** While a card is dragged: this column would refuse it by the transition rules. */
  dimmed: boolean;
  emptyText: ReactNode;
  /** flex-basis and max width: boards with more columns make them narrower. */
  width: { basis: number; max: number };
  /** Header lines under the name and count (money totals of the shown cards). */
  summary?: ReactNode;
  /** The stage's WIP limit; with `onWipLimitChange` the header gets a menu to set it. */
  wipLimit?: number;
  onWipLimitChange?(limit: number | undefined): void;
  /** A card (by key) to scroll into view in a long column: the one just moved here. */
  revealKey?: string;
  /**
   * The collection the cards are records of: the header then says how much of the column the
   * server has not accepted (NotAcceptedNote), with each card's amount from `amountOf`.
   */
  collection?: string;
  amountOf?(id: string): Money | undefined;
  /** The cards, each keyed by its record id (the key is how a long column keeps a dragged card). */
  children: ReactNode;
}

/** The card elements, flattened from arrays as React would render them. */
function cardElements(children: ReactNode): ReactElement[] {
  const out: ReactElement[] = [];
  Children.forEach(children, (child) => {
    if (isValidElement(child)) out.push(child);
  });
  return out;
}

/**
 * One stage of any phase board: a drop target (a labelled region, so it can be found by its
 * name), a header with the stage's name, count, WIP limit and money, and its cards, virtualised
 * when there are many. The boards differ only in what they put in `summary` and in the cards.
 */
export function StageColumn(props: StageColumnProps) {
  const { stage, name, accent, count, dimmed, emptyText, width, summary, children } = props;
  const { t } = useTranslation();
  const total = props.total ?? count;
  const filtered = props.filtered ?? false;
  const { setNodeRef, isOver } = useDroppable({ id: stage });
  const headingId = useId();
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const cards = count > 0 ? cardElements(children) : [];
  const over = isOverWip(total, props.wipLimit);
  return (
    <Box
      ref={setNodeRef}
      component="section"
      role="region"
      aria-labelledby={headingId}
      data-stage={stage}
      data-wip-over={over || undefined}
      sx={{
        flex: `1 0 ${width.basis}px`,
        maxWidth: width.max,
        display: 'flex',
        flexDirection: 'column',
        minHeight: 0,
        bgcolor: isOver ? '#e3ecfa' : '#e9edf2',
        borderRadius: 2,
        borderTop: '3px solid',
        borderTopColor: over ? 'warning.main' : accent,
        outline: isOver ? '2px dashed' : 'none',
        outlineColor: 'primary.main',
        outlineOffset: -2,
        opacity: dimmed ? 0.5 : 1,
        transition: 'background-color 120ms, opacity 120ms',
      }}
    >
      <Box
        sx={{
          px: 1.5,
          pt: 1.25,
          pb: 1,
          borderRadius: '6px 6px 0 0',
          bgcolor: over ? 'rgba(237, 108, 2, 0.08)' : 'transparent',
        }}
      >
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.75 }}>
          <Typography id={headingId} component="h2" sx={{ fontWeight: 700, fontSize: 14.5 }}>
            {name}
          </Typography>
          <ColumnCount
            count={count}
            total={total}
            filtered={filtered}
            countLabel={props.countLabel}
            wipLimit={props.wipLimit}
          />
          <Box sx={{ flex: 1 }} />
          {props.onWipLimitChange && (
            <WipLimitMenu
              stageName={name}
              limit={props.wipLimit}
              onChange={props.onWipLimitChange}
            />
          )}
        </Box>
        {summary}
        {props.collection && (
          <NotAcceptedNote
            collection={props.collection}
            ids={cards.map((card) => String(card.key))}
            amountOf={props.amountOf}
          />
        )}
      </Box>
      <Box ref={scrollRef} sx={{ flex: 1, minHeight: 80, overflowY: 'auto', px: 1, pb: 1 }}>
        {cards.length >= VIRTUALIZE_FROM ? (
          <VirtualCardList
            cards={cards}
            label={props.cardsLabel}
            scrollRef={scrollRef}
            revealKey={props.revealKey}
          />
        ) : (
          <Box
            role="list"
            aria-label={props.cardsLabel}
            sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}
          >
            {children}
          </Box>
        )}
        {count === 0 && (
          <Box
            sx={{
              border: '1px dashed',
              borderColor: 'grey.400',
              borderRadius: 1.5,
              p: 2,
              textAlign: 'center',
              color: 'text.secondary',
              fontSize: 12.5,
            }}
          >
            {filtered && total > 0 ? t('boardTools.noMatches') : emptyText}
          </Box>
        )}
      </Box>
    </Box>
  );
}
