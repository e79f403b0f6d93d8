import AddIcon from '@mui/icons-material/Add';
import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import MenuItem from '@mui/material/MenuItem';
import Skeleton from '@mui/material/Skeleton';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActivityItem, MyDay as MyDayResult } from '../../shared/api';
import { useLiveQuery } from '../api/use-live-query';
import { useNow } from '../app/use-now';
import { crmErrorText } from '../i18n/error-text';
import { useFormat } from '../i18n/format';
import { AboutLink } from './AboutLink';
import { ActivityDialog } from './ActivityDialog';
import { ActivityRow } from './ActivityRow';
import { addDays, dayBounds, localIsoDate } from './local-day';
import { useCompleteActivity } from './use-complete';
import { useDueText } from './use-due-text';

const SECTIONS = [
  'overdue',
  'scheduled',
  'undated',
  'done',
] as const satisfies readonly (keyof MyDayResult)[];

type Editing = { item?: ActivityItem } | null;

/**
 * 我的一天: a rep on the road works down one list — what is overdue, the day's visits and
 * follow-ups by time, to-dos without a date, and what is done, struck through at the bottom.
 */
export function MyDay() {
  const { t } = useTranslation();
  const now = useNow();
  const { language } = useFormat();
  const dueText = useDueText();
  const today = localIsoDate(now);
  const [day, setDay] = useState(today);
  const [editing, setEditing] = useState<Editing>(null);
  // Whose day: the current user's unless a manager (or someone exploring the sample firm) picks
  // another owner of activities on this device.
  const people = useLiveQuery('activities/people', {}).data ?? [];
  const [ownerId, setOwnerId] = useState<string | undefined>(undefined);
  const other = ownerId === undefined ? undefined : people.find((p) => p.id === ownerId);
  const { data, error, loading } = useLiveQuery('activities/myDay', {
    ...dayBounds(day),
    ...(other ? { ownerId: other.id } : {}),
  });
  const { complete, isBusy } = useCompleteActivity();
  const heading = useMemo(
    () => new Intl.DateTimeFormat(language, { dateStyle: 'full' }).format(dayBounds(day).dayStart),
    [language, day],
  );
  // The local profile is called 我 / Me until someone signs in: no need to say it twice.
  const meLabel = (name: string) =>
    name === t('profile.defaultName') ? name : t('activities.myDay.me', { name });
  const total = data ? SECTIONS.reduce((n, s) => n + data[s].length, 0) : 0;

  const row = (item: ActivityItem, section: (typeof SECTIONS)[number]) => (
    <ActivityRow
      key={item.id}
      activity={item}
      when={item.dueAt === undefined ? undefined : dueText(item.dueAt, now, day)}
      overdue={section === 'overdue'}
      about={<AboutLink about={item.about} />}
      busy={isBusy(item.id)}
      onToggle={(done) => complete(item.id, done)}
      onEdit={() => setEditing({ item })}
    />
  );

  return (
    <Box sx={{ height: '100%', overflowY: 'auto', px: { xs: 1.5, sm: 3 }, py: 2 }}>
      <Box sx={{ maxWidth: 760, mx: 'auto', display: 'flex', flexDirection: 'column', gap: 2 }}>
        <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1 }}>
          <Box sx={{ flex: 1, minWidth: 200 }}>
            <Typography variant="h5" component="h1" sx={{ fontWeight: 800 }}>
              {other
                ? t('activities.myDay.titleOf', { name: other.name })
                : t('activities.myDay.title')}
            </Typography>
            <Typography color="text.secondary" aria-live="polite">
              {heading}
            </Typography>
          </Box>
          {people.length > 1 && (
            <TextField
              select
              size="small"
              label={t('activities.myDay.whose')}
              value={other?.id ?? people[0]!.id}
              onChange={(event) =>
                setOwnerId(event.target.value === people[0]!.id ? undefined : event.target.value)
              }
              sx={{ width: 200, flexShrink: 0 }}
            >
              {people.map((person, index) => (
                <MenuItem key={person.id} value={person.id}>
                  {index === 0 ? meLabel(person.name) : person.name}
                </MenuItem>
              ))}
            </TextField>
          )}
          <Tooltip title={t('activities.myDay.previousDay')}>
            <IconButton
              aria-label={t('activities.myDay.previousDay')}
              onClick={() => setDay(addDays(day, -1))}
            >
              <ChevronLeftIcon />
            </IconButton>
          </Tooltip>
          <Button
            variant="outlined"
            size="small"
            disabled={day === today}
            onClick={() => setDay(today)}
          >
            {t('activities.myDay.today')}
          </Button>
          <Tooltip title={t('activities.myDay.nextDay')}>
            <IconButton
              aria-label={t('activities.myDay.nextDay')}
              onClick={() => setDay(addDays(day, 1))}
            >
              <ChevronRightIcon />
            </IconButton>
          </Tooltip>
          {/* What is added is the current user's: offered on their own day only. */}
          {!other && (
            <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing({})}>
              {t('activities.myDay.add')}
            </Button>
          )}
        </Box>
        {error && <Alert severity="error">{crmErrorText(t, error)}</Alert>}
        {loading && <Skeleton variant="rounded" height={160} />}
        {data && total === 0 && (
          <Paper variant="outlined" sx={{ p: 3, textAlign: 'center', color: 'text.secondary' }}>
            {other
              ? t('activities.myDay.emptyOf', { name: other.name })
              : t('activities.myDay.empty')}
          </Paper>
        )}
        {data &&
          SECTIONS.filter((section) => data[section].length > 0).map((section) => (
            <Paper
              key={section}
              variant="outlined"
              component="section"
              aria-labelledby={`my-day-${section}`}
              sx={{
                px: 2,
                py: 1.25,
                ...(section === 'overdue' ? { borderColor: 'error.light' } : {}),
              }}
            >
              <Typography
                id={`my-day-${section}`}
                variant="subtitle2"
                component="h2"
                sx={{ color: section === 'overdue' ? 'error.main' : 'text.secondary', mb: 0.5 }}
              >
                {t(`activities.myDay.${section}`)} · {data[section].length}
              </Typography>
              <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0 }}>
                {data[section].map((item) => row(item, section))}
              </Box>
            </Paper>
          ))}
      </Box>
      {editing && (
        <ActivityDialog
          activity={editing.item}
          about={editing.item && aboutOf(editing.item)}
          initialDate={day}
          initialKind="visit"
          onClose={() => setEditing(null)}
        />
      )}
    </Box>
  );
}

/** An item's record, as the dialog names it; its own record never changes. */
function aboutOf(item: ActivityItem) {
  return { id: item.recordId, type: item.recordType, name: item.about.title };
}
