import LockOutlinedIcon from '@mui/icons-material/LockOutlined';
import Box from '@mui/material/Box';
import Tooltip from '@mui/material/Tooltip';
import { useTranslation } from 'react-i18next';

/**
 * On a card the person may not change (a colleague's, for a rep): a lock where the move menu
 * would be, saying whose it is. The card opens read-only and cannot be dragged.
 */
export function ReadOnlyMark({ ownerName }: { ownerName: string }) {
  const { t } = useTranslation();
  const text = t('rules.readOnly.notOwner', { owner: ownerName });
  return (
    <Tooltip title={text}>
      <Box
        component="span"
        role="img"
        aria-label={text}
        data-card-action
        sx={{ display: 'inline-flex', p: 0.5, mt: -0.5, mr: -0.5, color: 'text.secondary' }}
      >
        <LockOutlinedIcon sx={{ fontSize: 16 }} />
      </Box>
    </Tooltip>
  );
}
