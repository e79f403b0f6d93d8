import PlaceOutlinedIcon from '@mui/icons-material/PlaceOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActivityRecordType } from '../../shared/api';
import type { Activity, ActivityKind } from '../../shared/domain';
import { useLiveQuery } from '../api/use-live-query';
import { useNow } from '../app/use-now';
import { ActivityDialog } from './ActivityDialog';
import { ActivityRow } from './ActivityRow';
import { isOverdue, localIsoDate } from './local-day';
import { useCompleteActivity } from './use-complete';
import { useDueText } from './use-due-text';

interface ActivityListProps {
  recordType: ActivityRecordType;
  recordId: string;
  /** The record's name, shown in the dialog ("About: ERP 实施"). */
  title: string;
}

type Editing = { activity?: Activity; kind?: ActivityKind } | null;

/**
 * A record's calls, visits, meetings, notes and tasks: what is still to do on top. Lives inside a
 * record's dialog, so a rep can log a visit on a deal without leaving it.
 */
export function ActivityList({ recordType, recordId, title }: ActivityListProps) {
  const { t } = useTranslation();
  const now = useNow();
  const dueText = useDueText();
  const { data, loading } = useLiveQuery('activities/forRecord', { recordType, recordId });
  const { complete, isBusy } = useCompleteActivity();
  const [editing, setEditing] = useState<Editing>(null);
  return (
    <Box component="section" aria-labelledby={`activities-${recordId}`}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 0.5 }}>
        <Typography id={`activities-${recordId}`} variant="subtitle2" sx={{ flex: 1 }}>
          {t('activities.list.title')}
        </Typography>
        <Button
          size="small"
          startIcon={<PlaceOutlinedIcon />}
          onClick={() => setEditing({ kind: 'visit' })}
        >
          {t('activities.list.logVisit')}
        </Button>
      </Box>
      {loading && <Skeleton variant="rounded" height={40} />}
      {data && data.length === 0 && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {t('activities.list.empty')}
        </Typography>
      )}
      {data && data.length > 0 && (
        <Box
          component="ul"
          aria-label={t('activities.list.title')}
          sx={{ listStyle: 'none', m: 0, p: 0, maxHeight: 260, overflowY: 'auto' }}
        >
          {data.map((activity) => (
            <ActivityRow
              key={activity.id}
              activity={activity}
              when={activity.dueAt === undefined ? undefined : dueText(activity.dueAt, now)}
              overdue={activity.dueAt !== undefined && isOverdue(activity.dueAt, now)}
              busy={isBusy(activity.id)}
              onToggle={(done) => complete(activity.id, done)}
              onEdit={() => setEditing({ activity })}
            />
          ))}
        </Box>
      )}
      {editing && (
        <ActivityDialog
          activity={editing.activity}
          about={{ id: recordId, type: recordType, name: title }}
          initialKind={editing.kind}
          initialDate={localIsoDate(now)}
          onClose={() => setEditing(null)}
        />
      )}
    </Box>
  );
}
