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
import type { LeadCard } from '../../shared/api';
import { isTerminal, LEAD_STAGES, type LeadStage } from '../../shared/domain';
import { useHistoryDrawer } from '../history/HistoryDrawer';
import { leadStageName } from './lead-text';

const stop = (event: SyntheticEvent) => event.stopPropagation();

/**
 * The card's actions: score, convert, and "Move to…" every stage — the same moves as drag and
 * drop for keyboard and screen-reader users. Converted and Disqualified open their dialogs.
 * History opens the lead's history drawer (stage moves, edits, activities).
 */
export function LeadMenu({
  card,
  onMove,
  onScore,
}: {
  card: LeadCard;
  onMove(to: LeadStage): void;
  onScore(): void;
}) {
  const { t } = useTranslation();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const menuId = useId();
  const history = useHistoryDrawer();
  const label = t('leads.menu.label', { company: card.company });
  const choose = (action: () => void) => () => {
    setAnchor(null);
    action();
  };
  return (
    <>
      <Tooltip title={t('leads.menu.title')}>
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
          <MoreVertIcon fontSize="small" />
        </IconButton>
      </Tooltip>
      {/* Portalled, but React events still bubble to the card: keep them from opening it or dragging. */}
      <span onClick={stop} onPointerDown={stop} onKeyDown={stop}>
        <Menu
          id={menuId}
          anchorEl={anchor}
          open={anchor !== null}
          onClose={() => setAnchor(null)}
          slotProps={{ list: { 'aria-label': label, dense: true } }}
        >
          {!isTerminal('lead', card.stage) && [
            <MenuItem key="score" onClick={choose(onScore)}>
              <ListItemIcon />
              <ListItemText>{t('leads.menu.score')}</ListItemText>
            </MenuItem>,
            <MenuItem
              key="convert"
              disabled={card.stage !== 'qualified'}
              onClick={choose(() => onMove('converted'))}
            >
              <ListItemIcon />
              <ListItemText>{t('leads.menu.convert')}</ListItemText>
            </MenuItem>,
            <Divider key="divider" />,
          ]}
          <MenuItem
            onClick={choose(() =>
              history.open({ recordType: 'lead', recordId: card.id, title: card.company }),
            )}
          >
            <ListItemIcon>
              <HistoryIcon fontSize="small" />
            </ListItemIcon>
            <ListItemText>{t('history.open')}</ListItemText>
          </MenuItem>
          <Divider />
          <ListSubheader sx={{ lineHeight: '32px' }}>{t('leads.menu.moveTo')}</ListSubheader>
          {LEAD_STAGES.filter((stage) => stage !== 'converted').map((stage) => (
            <MenuItem
              key={stage}
              disabled={stage === card.stage}
              onClick={choose(() => onMove(stage))}
            >
              <ListItemIcon>{stage === card.stage && <CheckIcon fontSize="small" />}</ListItemIcon>
              <ListItemText>{leadStageName(t, stage)}</ListItemText>
              {stage === card.stage && (
                <ListItemText
                  aria-hidden
                  sx={{ textAlign: 'right', ml: 3, color: 'text.secondary', flex: '0 0 auto' }}
                >
                  {t('leads.menu.current')}
                </ListItemText>
              )}
            </MenuItem>
          ))}
        </Menu>
        {history.drawer}
      </span>
    </>
  );
}
