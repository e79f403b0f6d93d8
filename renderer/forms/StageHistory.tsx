import Box from '@mui/material/Box';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { useCurrentUserId } from '../api/crm-context';
import { useLiveQuery } from '../api/use-live-query';
import { stageName } from '../i18n/error-text';
import { useFormat } from '../i18n/format';

/** Every stage change of one opportunity, oldest first: where it has been, when, and who moved it. */
export function StageHistory({ recordId }: { recordId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useCurrentUserId();
  const { data, loading } = useLiveQuery('stageEvents/forRecord', { recordId });
  return (
    <Box component="section" aria-labelledby="stage-history-title">
      <Typography id="stage-history-title" variant="subtitle2" sx={{ mb: 1 }}>
        {t('opportunityDialog.history')}
      </Typography>
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
