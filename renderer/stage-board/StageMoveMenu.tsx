import CheckIcon from '@mui/icons-material/Check';
import HistoryIcon from '@mui/icons-material/History';
import MoreVertIcon from '@mui/icons-material/MoreVert';
import Divider from '@mui/material/Divider';
import IconButton from '@mui/material/IconButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import ListSubheader from '@mui/material/ListSubheader';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Tooltip from '@mui/material/Tooltip';
import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useHistoryDrawer, type HistoryTarget } from '../history/HistoryDrawer';

const stop = (event: SyntheticEvent) => event.stopPropagation();

interface StageMoveMenuProps<S extends string> {
  /** Spoken name of the button ("Actions for …"). */
  label: string;
  stages: readonly S[];
  current: S;
  /** The first terminal stage: a divider goes above it. */
  firstTerminal?: S;
  stageName(stage: S): string;
  onMove(to: S): void;
  /** The record whose history the menu's first item opens (the history drawer). */
  history: HistoryTarget;
}

/**
 * The card menu of the contract and delivery cards: History (the record's history drawer, as on
 * every board), then "Move to…", the same moves as a drag, for keyboard and screen-reader users.
 * Every stage is listed; gates are explained on the card after the choice.
 */
export function StageMoveMenu<S extends string>(props: StageMoveMenuProps<S>) {
  const { t } = useTranslation();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const menuId = useId();
  const history = useHistoryDrawer();
  const { history: target } = props;
  return (
    <>
      <Tooltip title={t('contracts.menu.title')}>
        <IconButton
          size="small"
          data-card-action
          aria-label={props.label}
          aria-haspopup="menu"
          aria-controls={anchor ? menuId : undefined}
          aria-expanded={anchor ? true : undefined}
          onClick={(e) => setAnchor(e.currentTarget)}
          sx={{ mt: -0.5, mr: -0.75, color: 'text.secondary' }}
        >
          <MoreVertIcon fontSize="small" />
        </IconButton>
      </Tooltip>
      {/* Portalled, but React events still bubble to the card: keep them from opening or dragging it. */}
      <span onClick={stop} onPointerDown={stop} onKeyDown={stop}>
        <Menu
          id={menuId}
          anchorEl={anchor}
          open={anchor !== null}
          onClose={() => setAnchor(null)}
          slotProps={{ list: { 'aria-label': props.label, dense: true } }}
        >
          <MenuItem
            onClick={() => {
              setAnchor(null);
              history.open(target);
            }}
          >
            <ListItemIcon>
              <HistoryIcon fontSize="small" />
            </ListItemIcon>
            <ListItemText>{t('history.open')}</ListItemText>
          </MenuItem>
          <Divider />
          <ListSubheader sx={{ lineHeight: '32px' }}>{t('contracts.menu.moveTitle')}</ListSubheader>
          {props.stages.map((stage) => [
            stage === props.firstTerminal ? <Divider key="divider" /> : null,
            <MenuItem
              key={stage}
              disabled={stage === props.current}
              onClick={() => {
                setAnchor(null);
                props.onMove(stage);
              }}
            >
              <ListItemIcon>
                {stage === props.current && <CheckIcon fontSize="small" />}
              </ListItemIcon>
              <ListItemText>{props.stageName(stage)}</ListItemText>
              {stage === props.current && (
                <ListItemText
                  aria-hidden
                  sx={{ textAlign: 'right', ml: 3, color: 'text.secondary', flex: '0 0 auto' }}
                >
                  {t('contracts.menu.current')}
                </ListItemText>
              )}
            </MenuItem>,
          ])}
        </Menu>
        {history.drawer}
      </span>
    </>
  );
}
