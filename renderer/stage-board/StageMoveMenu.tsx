import CheckIcon from '@mui/icons-material/Check';
import HistoryIcon from '@mui/icons-material/History';
import MoreVertIcon from '@mui/icons-material/MoreVert';
import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import Divider from '@mui/material/Divider';
import IconButton from '@mui/material/IconButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import ListSubheader from '@mui/material/ListSubheader';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Tooltip from '@mui/material/Tooltip';
import { useId, useState, type SyntheticEvent } from 'react';
import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useHistoryDrawer, type HistoryTarget } from '../history/HistoryDrawer';

const stop = (event: SyntheticEvent) => event.stopPropagation();

/** One stage the menu offers, in board order. */
export interface MenuStage<S extends string> {
  key: S;
  name: string;
  /** Shown on the right of a stage that is not the current one (a win probability). */
  note?: string;
  /** A divider goes above it (the first finished stage). */
  dividerAbove?: boolean;
}

/** One of the phase's own actions above the moves (score, convert). */
export interface MenuAction {
  key: string;
  label: string;
  disabled?: boolean;
  run(): void;
}

/** Catalog keys of the phase's words: the button's tooltip, the heading of the moves, "current". */
export interface MenuWords {
  title: ParseKeys;
  moveTo: ParseKeys;
  current: ParseKeys;
}

interface StageMoveMenuProps<S extends string> {
  /** Spoken name of the button and of the list ("Actions for …"). */
  label: string;
  /** The phase's words; a module constant. */
  words: MenuWords;
  /** "more" (⋮, a menu of actions) or "move" (⇄, a menu of moves only). */
  icon?: 'more' | 'move';
  stages: readonly MenuStage<S>[];
  current: S;
  onMove(to: S): void;
  /** The phase's own actions, listed first. */
  actions?: readonly MenuAction[];
  /** The record whose history drawer the menu opens, as on every board that has one. */
  history?: HistoryTarget;
}

/**
 * A card's menu: the phase's actions, the record's history, then "Move to…" every stage — the
 * same moves as a drag, for keyboard and screen-reader users. Gates and rules are explained on
 * the card after the choice, exactly as for a drop.
 */
export function StageMoveMenu<S extends string>(props: StageMoveMenuProps<S>) {
  const { t } = useTranslation();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const menuId = useId();
  const history = useHistoryDrawer();
  const { label, words, current, history: target, actions = [] } = props;
  const choose = (action: () => void) => () => {
    setAnchor(null);
    action();
  };
  return (
    <>
      <Tooltip title={t(words.title)}>
        <IconButton
          size="small"
          data-card-action
          aria-label={label}
          aria-haspopup="menu"
          aria-controls={anchor ? menuId : undefined}
          aria-expanded={anchor ? true : undefined}
          onClick={(e) => setAnchor(e.currentTarget)}
          sx={{ mt: -0.5, mr: -0.75, color: 'text.secondary' }}
        >
          {props.icon === 'move' ? (
            <SwapHorizIcon fontSize="small" />
          ) : (
            <MoreVertIcon fontSize="small" />
          )}
        </IconButton>
      </Tooltip>
      {/* Portalled, but React events still bubble to the card: keep them from opening or dragging it. */}
      <span onClick={stop} onPointerDown={stop} onKeyDown={stop}>
        <Menu
          id={menuId}
          anchorEl={anchor}
          open={anchor !== null}
          onClose={() => setAnchor(null)}
          slotProps={{ list: { 'aria-label': label, dense: true } }}
        >
          {/* MUI's menu wants its items as direct children: arrays, not fragments. */}
          {actions.length > 0 && [
            ...actions.map((action) => (
              <MenuItem key={action.key} disabled={action.disabled} onClick={choose(action.run)}>
                <ListItemIcon />
                <ListItemText>{action.label}</ListItemText>
              </MenuItem>
            )),
            <Divider key="actions-divider" />,
          ]}
          {target && [
            <MenuItem key="history" onClick={choose(() => history.open(target))}>
              <ListItemIcon>
                <HistoryIcon fontSize="small" />
              </ListItemIcon>
              <ListItemText>{t('history.open')}</ListItemText>
            </MenuItem>,
            <Divider key="history-divider" />,
          ]}
          <ListSubheader sx={{ lineHeight: '32px' }}>{t(words.moveTo)}</ListSubheader>
          {props.stages.map((stage) => {
            const note = stage.key === current ? t(words.current) : stage.note;
            return [
              stage.dividerAbove ? <Divider key={`${stage.key}-divider`} /> : null,
              <MenuItem
                key={stage.key}
                disabled={stage.key === current}
                onClick={choose(() => props.onMove(stage.key))}
              >
                <ListItemIcon>
                  {stage.key === current && <CheckIcon fontSize="small" />}
                </ListItemIcon>
                <ListItemText>{stage.name}</ListItemText>
                {note !== undefined && (
                  <ListItemText
                    aria-hidden
                    sx={{ textAlign: 'right', ml: 3, color: 'text.secondary', flex: '0 0 auto' }}
                  >
                    {note}
                  </ListItemText>
                )}
              </MenuItem>,
            ];
          })}
        </Menu>
        {target && history.drawer}
      </span>
    </>
  );
}
