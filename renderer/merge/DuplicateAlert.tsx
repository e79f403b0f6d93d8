import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { useTranslation } from 'react-i18next';

export interface DuplicateAction {
  label: string;
  /** The accessible name, with the record's name: several rows each have an "Open". */
  ariaLabel: string;
  onClick(): void;
}

export interface DuplicateItem {
  key: string;
  name: string;
  /** Why it looks alike ("same name", "same phone"), already in words. */
  reasons: string[];
  actions: DuplicateAction[];
}

/** The look-alike records of a create or edit dialog, each with why and what can be done. */
export function DuplicateAlert({
  title,
  intro,
  items,
}: {
  title: string;
  intro: string;
  items: DuplicateItem[];
}) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <Alert severity="warning" role="status" sx={{ '& .MuiAlert-message': { flex: 1 } }}>
      <AlertTitle sx={{ fontSize: 14 }}>{title}</AlertTitle>
      {intro}
      <Box component="ul" sx={{ m: 0, mt: 0.75, p: 0, listStyle: 'none' }}>
        {items.slice(0, 5).map((item) => (
          <Box
            component="li"
            key={item.key}
            sx={{ display: 'flex', alignItems: 'center', gap: 1, py: 0.25 }}
          >
            <Box sx={{ flex: 1, minWidth: 0 }}>
              <strong>{item.name}</strong>
              <Box component="span" sx={{ color: 'text.secondary', fontSize: 12.5 }}>
                {' — '}
                {item.reasons.join(t('errors.listSeparator'))}
              </Box>
            </Box>
            {item.actions.map((action) => (
              <Button
                key={action.label}
                size="small"
                variant="outlined"
                color="warning"
                onClick={action.onClick}
                aria-label={action.ariaLabel}
                sx={{ py: 0, flexShrink: 0, bgcolor: 'background.paper' }}
              >
                {action.label}
              </Button>
            ))}
          </Box>
        ))}
      </Box>
    </Alert>
  );
}
