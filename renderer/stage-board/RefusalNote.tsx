import EditOutlinedIcon from '@mui/icons-material/EditOutlined';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface RefusalNoteProps {
  title: string;
  /** What a gate still needs, a line each. */
  missing?: readonly string[];
  /** The way straight to the fields that fix it ("Fill in…"). */
  fix?: { label: string; onClick(): void };
  /** Why a rule refused, in words that say what is allowed instead. */
  children?: ReactNode;
  onDismiss(): void;
}

/**
 * Why a card did not move, shown on the card that stayed put, on every board: each missing item
 * as its own line and a way to fix it, or the rule in words. role="alert" so a screen reader
 * says it at once; its buttons are card actions (they neither open nor drag the card).
 */
export function RefusalNote(props: RefusalNoteProps) {
  const { t } = useTranslation();
  return (
    <Alert
      severity="warning"
      icon={false}
      role="alert"
      onClose={props.onDismiss}
      closeText={t('actions.dismiss')}
      slotProps={{ closeButton: { 'data-card-action': true } as object }}
      sx={{
        mt: 1,
        py: 0,
        px: 1,
        '& .MuiAlert-message': { flex: 1, minWidth: 0, py: 0.75 },
        '& .MuiAlert-action': { pt: 0.25, mr: -0.5 },
      }}
    >
      <AlertTitle sx={{ fontSize: 13, mb: 0.25 }}>{props.title}</AlertTitle>
      {props.missing && (
        <Box component="ul" sx={{ m: 0, pl: 2.25 }}>
          {props.missing.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </Box>
      )}
      {props.children}
      {props.fix && (
        <Button
          size="small"
          variant="outlined"
          color="warning"
          data-card-action
          startIcon={<EditOutlinedIcon />}
          onClick={props.fix.onClick}
          sx={{ mt: 0.75, py: 0, bgcolor: 'background.paper' }}
        >
          {props.fix.label}
        </Button>
      )}
    </Alert>
  );
}
