import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import { useTranslation } from 'react-i18next';
import type { OpportunityCard } from '../../shared/api';
import { useCurrentUserId } from '../api/crm-context';
import { useNow } from '../app/use-now';
import { daysInStage, isAging, ownerLabel } from '../board/card-facts';
import { stageName } from '../i18n/error-text';

/** The facts under the edit dialog's title: stage, time in it, owner, and the lost reason if any. */
export function OpportunitySummary({ card }: { card: OpportunityCard }) {
  const { t } = useTranslation();
  const now = useNow();
  const me = useCurrentUserId();
  const days = daysInStage(card, now);
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1, fontSize: 13 }}>
      <Chip
        size="small"
        color="primary"
        variant="outlined"
        label={t('opportunityDialog.stageIs', { stage: stageName(t, card.stage) })}
      />
      <Chip
        size="small"
        color={isAging(card, now) ? 'warning' : 'default'}
        variant="outlined"
        label={t('card.daysInStage', { count: days })}
      />
      <span>{t('opportunityDialog.ownerIs', { name: ownerLabel(t, card, me) })}</span>
      {card.lostReason && (
        <span>{t('opportunityDialog.lostReasonIs', { reason: card.lostReason })}</span>
      )}
    </Box>
  );
}
