import EditOutlinedIcon from '@mui/icons-material/EditOutlined';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { useTranslation } from 'react-i18next';
import { gateMissingTexts, stageName, transitionText } from '../i18n/error-text';
import type { MoveProblem } from './use-opportunity-move';

interface MoveProblemAlertProps {
  problem: MoveProblem;
  onFix(): void;
  onDismiss(): void;
}

/**
 * Why the card did not move, shown on the card that stayed put: each missing item as its own
 * line, and a way straight to the fields that fix it. role="alert" so a screen reader says it at once.
 */
export function MoveProblemAlert({ problem, onFix, onDismiss }: MoveProblemAlertProps) {
  const { t } = useTranslation();
  const { error } = problem;
  const to = stageName(t, error.to);
  return (
    <Alert
      severity="warning"
      icon={false}
      role="alert"
      onClose={onDismiss}
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
      {error.type === 'GateBlocked' ? (
        <>
          <AlertTitle sx={{ fontSize: 13, mb: 0.25 }}>
            {t('move.blockedTitle', { stage: to })}
          </AlertTitle>
          <Box component="ul" sx={{ m: 0, pl: 2.25 }}>
            {gateMissingTexts(t, error).map((text) => (
              <li key={text}>{text}</li>
            ))}
          </Box>
          {error.missing.some((r) => r !== 'lostReason') && (
            <Button
              size="small"
              variant="outlined"
              color="warning"
              data-card-action
              startIcon={<EditOutlinedIcon />}
              onClick={onFix}
              sx={{ mt: 0.75, py: 0, bgcolor: 'background.paper' }}
            >
              {t('move.fillIn')}
            </Button>
          )}
        </>
      ) : (
        <>
          <AlertTitle sx={{ fontSize: 13, mb: 0.25 }}>{t('move.notAllowedTitle')}</AlertTitle>
          {transitionText(t, error)}
        </>
      )}
    </Alert>
  );
}
