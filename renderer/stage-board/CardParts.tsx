import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import CircularProgress from '@mui/material/CircularProgress';
import type { MouseEvent, ReactNode } from 'react';

/**
 * A click on a card opens it, except a click on one of its own buttons (marked
 * `data-card-action`: the menu, "issue", "dismiss"), which does only what the button does.
 */
export function openUnlessAction(onOpen: () => void) {
  return (event: MouseEvent) => {
    if ((event.target as HTMLElement).closest('[data-card-action]')) return;
    onOpen();
  };
}

/** The card's name as the button that opens it (the whole card is the drag handle). */
export function CardTitle({ label, children }: { label: string; children: ReactNode }) {
  return (
    <ButtonBase
      aria-label={label}
      sx={{
        flex: 1,
        minWidth: 0,
        display: 'block',
        textAlign: 'left',
        font: 'inherit',
        fontWeight: 600,
        fontSize: 13.5,
        lineHeight: 1.4,
        overflowWrap: 'anywhere',
        borderRadius: 0.5,
        '&:hover': { color: 'primary.main' },
      }}
    >
      {children}
    </ButtonBase>
  );
}

/** Over a card while its move is being written: the card stays put until the core has it. */
export function MovingVeil({ label }: { label?: string }) {
  return (
    <Box
      sx={{
        position: 'absolute',
        inset: 0,
        display: 'grid',
        placeItems: 'center',
        bgcolor: 'rgba(255,255,255,0.6)',
      }}
      aria-label={label}
    >
      <CircularProgress size={20} />
    </Box>
  );
}
