import CheckIcon from '@mui/icons-material/Check';
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
import { useTranslation } from 'react-i18next';
import type { OpportunityCard } from '../../shared/api';
import { stageName } from '../i18n/error-text';
import { useBoardStages } from '../pipelines/board-pipeline';

const stop = (event: SyntheticEvent) => event.stopPropagation();

/**
 * "Move to…": the same moves as drag and drop, for anyone who would rather not drag (keyboard,
 * screen reader, touchpad). Every stage is listed; rules and gates are explained after the choice,
 * on the card, exactly as for a drop.
 */
export function MoveMenu({ card, onMove }: { card: OpportunityCard; onMove(to: string): void }) {
  const { t } = useTranslation();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  // The open pipeline's stages (issue 5: each pipeline has its own).
  const stages = useBoardStages();
  const menuId = useId();
  const label = t('move.menuLabel', { title: card.title });
  return (
    <>
      <Tooltip title={t('move.menuTitle')}>
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
          <SwapHorizIcon fontSize="small" />
        </IconButton>
      </Tooltip>
      {/* The menu is portalled, but React events still bubble to the card: keep them from opening
          the card or starting a drag. */}
      <span onClick={stop} onPointerDown={stop} onKeyDown={stop}>
        <Menu
          id={menuId}
          anchorEl={anchor}
          open={anchor !== null}
          onClose={() => setAnchor(null)}
          slotProps={{ list: { 'aria-label': label, dense: true } }}
        >
          <ListSubheader sx={{ lineHeight: '32px' }}>{t('move.menuTitle')}</ListSubheader>
          {stages.map(({ key: stage, name, probability }) => [
            stage === 'won' ? <Divider key="divider" /> : null,
            <MenuItem
              key={stage}
              disabled={stage === card.stage}
              onClick={() => {
                setAnchor(null);
                onMove(stage);
              }}
            >
              <ListItemIcon>{stage === card.stage && <CheckIcon fontSize="small" />}</ListItemIcon>
              <ListItemText>{name ?? stageName(t, stage)}</ListItemText>
              <ListItemText
                aria-hidden
                sx={{ textAlign: 'right', ml: 3, color: 'text.secondary', flex: '0 0 auto' }}
              >
                {stage === card.stage ? t('move.current') : `${probability}%`}
              </ListItemText>
            </MenuItem>,
          ])}
        </Menu>
      </span>
    </>
  );
}
