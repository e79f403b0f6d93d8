import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import CircularProgress from '@mui/material/CircularProgress';
import Alert from '@mui/material/Alert';
import Avatar from '@mui/material/Avatar';
import Button from '@mui/material/Button';
import type { SxProps, Theme } from '@mui/material/styles';
import type { CSSProperties, MouseEvent, ReactNode } from 'react';

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
export function CardTitle(props: {
  label: string;
  children: ReactNode;
  /** The phase's own look on top of the common one (the opportunity's two-line title). */
  sx?: SxProps<Theme>;
  style?: CSSProperties;
}) {
  return (
    <ButtonBase
      aria-label={props.label}
      style={props.style}
      sx={[
        {
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
        },
        ...(Array.isArray(props.sx) ? props.sx : [props.sx]),
      ]}
    >
      {props.children}
    </ButtonBase>
  );
}

/** The card's first row: its name (the button that opens it), then its menu or marks. */
export function CardHeading(props: { label: string; title: ReactNode; actions: ReactNode }) {
  return (
    <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 0.5 }}>
      <CardTitle label={props.label}>{props.title}</CardTitle>
      {props.actions}
    </Box>
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

/** Work a crash cut short (a conversion, a signing): the card says so and offers to finish it. */
export function UnfinishedNote(props: { text: string; action: string; onClick(): void }) {
  return (
    <Alert severity="warning" icon={false} sx={{ mt: 1, py: 0, px: 1 }}>
      {props.text}
      <Button
        size="small"
        variant="outlined"
        color="warning"
        data-card-action
        onClick={props.onClick}
        sx={{ display: 'block', mt: 0.5, py: 0, bgcolor: 'background.paper' }}
      >
        {props.action}
      </Button>
    </Alert>
  );
}

/** A card line with something on the left and something on the right (amount and days, owner and date). */
export const cardRowSx = {
  display: 'flex',
  alignItems: 'center',
  justifyContent: 'space-between',
  mt: 0.75,
} as const;

/** The owner's initial: decoration (the owner is named in words next to it). */
export function OwnerAvatar({ owner }: { owner: string }) {
  return (
    <Avatar sx={{ width: 18, height: 18, fontSize: 10.5, bgcolor: 'secondary.light' }} aria-hidden>
      {owner.slice(0, 1).toUpperCase()}
    </Avatar>
  );
}
