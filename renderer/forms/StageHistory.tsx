import HistoryIcon from '@mui/icons-material/History';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { useCurrentUserId } from '../api/crm-context';
import { useLiveQuery } from '../api/use-live-query';
import { stageName } from '../i18n/error-text';
import { useHistoryDrawer } from '../history/HistoryDrawer';
import { useFormat } from '../i18n/format';

/**
 * Every stage change of one opportunity, oldest first: where it has been, when, and who moved it.
 * "Full history" opens the history drawer, which adds every field edit and activity.
 */
export function StageHistory({ recordId, title = '' }: { recordId: string; title?: string }) {
  const { t } = useTranslation();
  const history = useHistoryDrawer();
  const format = useFormat();
  const me = useCurrentUserId();
  const { data, loading } = useLiveQuery('stageEvents/forRecord', { recordId });
  return (
    <Box component="section" aria-labelledby="stage-history-title">
      <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', mb: 1 }}>
        <Typography id="stage-history-title" variant="subtitle2">
          {t('opportunityDialog.history')}
        </Typography>
        <Button
          size="small"
          startIcon={<HistoryIcon fontSize="small" />}
          onClick={() => history.open({ recordType: 'opportunity', recordId, title })}
          sx={{ my: -0.5 }}
        >
          {t('history.showAll')}
        </Button>
      </Box>
      {history.drawer}
      {loading && <Skeleton variant="rounded" height={48} />}
      {data && data.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          {t('opportunityDialog.historyEmpty')}
        </Typography>
      )}
      {data && data.length > 0 && (
        <Box component="ol" sx={{ listStyle: 'none', m: 0, p: 0, position: 'relative' }}>
          {data.map((event, i) => (
            <Box
              component="li"
              key={event.id}
              sx={{
                position: 'relative',
                pl: 2.5,
                pb: i === data.length - 1 ? 0 : 1.5,
                // A thin timeline: a dot per event, joined by a line.
                '&::before': {
                  content: '""',
                  position: 'absolute',
                  left: '3px',
                  top: '6px',
                  width: '8px',
                  height: '8px',
                  borderRadius: '50%',
                  bgcolor: i === data.length - 1 ? 'primary.main' : 'grey.400',
                },
                '&::after':
                  i === data.length - 1
                    ? undefined
                    : {
                        content: '""',
                        position: 'absolute',
                        left: '6.5px',
                        top: '16px',
                        bottom: 0,
                        width: '1px',
                        bgcolor: 'divider',
                      },
              }}
            >
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {event.from
                  ? t('opportunityDialog.historyMoved', {
                      from: stageName(t, event.from),
                      to: stageName(t, event.to),
                    })
                  : t('opportunityDialog.historyCreated', { to: stageName(t, event.to) })}
              </Typography>
              <Typography variant="caption" color="text.secondary" component="div">
                {format.dateTime(event.at)} ·{' '}
                {t('opportunityDialog.historyBy', {
                  name: event.by === me ? t('card.me') : event.byName,
                })}
              </Typography>
              {event.reason && (
                <Typography variant="caption" component="div" sx={{ color: 'text.primary' }}>
                  {t('opportunityDialog.historyReason', { reason: event.reason })}
                </Typography>
              )}
            </Box>
          ))}
        </Box>
      )}
    </Box>
  );
}
