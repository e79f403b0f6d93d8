import AddCircleOutlineIcon from '@mui/icons-material/AddCircleOutlineOutlined';
import EditOutlinedIcon from '@mui/icons-material/EditOutlined';
import EastIcon from '@mui/icons-material/East';
import Box from '@mui/material/Box';
import type { SvgIconProps } from '@mui/material/SvgIcon';
import Typography from '@mui/material/Typography';
import type { ComponentType, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '../../shared/api';
import type { HistoryRecordType } from '../../shared/domain';
import { KIND_COLORS, KIND_ICONS } from '../activities/kind-icons';
import { fieldLabel, phaseStageName, valueText, whenText, type ValueContext } from './history-text';

interface EntryProps {
  entry: HistoryEntry;
  recordType: HistoryRecordType;
  values: ValueContext;
  now: number;
  /** The signed-in person, shown as "me". */
  me: string | undefined;
  last: boolean;
}

/** The icon and colour of an entry, so a long history reads at a glance. */
function iconOf(entry: HistoryEntry): [ComponentType<SvgIconProps>, SvgIconProps['color']] {
  switch (entry.kind) {
    case 'stage':
      return entry.event.from ? [EastIcon, 'primary'] : [AddCircleOutlineIcon, 'success'];
    case 'fields':
      return [EditOutlinedIcon, 'action'];
    case 'activity':
      return [KIND_ICONS[entry.activity.kind], KIND_COLORS[entry.activity.kind]];
    case 'created':
      return [AddCircleOutlineIcon, 'success'];
  }
}

/** What happened, as a headline and the lines under it. */
function useEntryText(
  entry: HistoryEntry,
  recordType: HistoryRecordType,
  values: ValueContext,
): { headline: ReactNode; details: ReactNode[] } {
  const { t, i18n } = useTranslation();
  switch (entry.kind) {
    case 'stage': {
      const { event } = entry;
      const to = phaseStageName(i18n, t, event.phase, event.to, entry.toName);
      const headline = event.from
        ? t('history.stageMoved', {
            from: phaseStageName(i18n, t, event.phase, event.from, entry.fromName),
            to,
          })
        : t('history.stageCreated', { to });
      const details: ReactNode[] = [];
      if (event.reason) details.push(t('history.reason', { reason: event.reason }));
      const ticked = event.checklist?.map((item) => item.label) ?? [];
      if (ticked.length > 0) {
        details.push(t('history.checklist', { items: ticked.join(t('history.listSeparator')) }));
      }
      const approvers = [...new Set(event.approvals?.map((a) => a.byName) ?? [])];
      if (approvers.length > 0) {
        details.push(
          t('history.approvedBy', { names: approvers.join(t('history.listSeparator')) }),
        );
      }
      return { headline, details };
    }
    case 'fields': {
      // An owner change carries the id and the name; the name says it.
      const hasName = entry.changes.some((c) => c.field === 'ownerName');
      const shown = entry.changes.filter((c) => !(hasName && c.field === 'ownerId'));
      const lines = shown.map((change) => (
        <>
          <Box component="span" sx={{ color: 'text.secondary' }}>
            {t('history.fieldLabel', { field: fieldLabel(i18n, recordType, change.field) })}
          </Box>
          <Box component="span" sx={{ color: 'text.primary' }}>
            {t('history.fromTo', {
              from: valueText(values, change.field, change.from),
              to: valueText(values, change.field, change.to),
            })}
          </Box>
        </>
      ));
      if (lines.length === 1) return { headline: lines[0], details: [] };
      return { headline: t('history.edited', { count: lines.length }), details: lines };
    }
    case 'activity': {
      const { activity } = entry;
      const args = { kind: t(`activities.kinds.${activity.kind}`), subject: activity.subject };
      const headline = activity.done
        ? t('history.activityDone', args)
        : activity.kind === 'note'
          ? t('history.activityNoted', args)
          : t('history.activityPlanned', args);
      return { headline, details: activity.notes ? [activity.notes] : [] };
    }
    case 'created':
      return {
        headline: t('history.created', { type: t(`history.recordTypes.${recordType}`) }),
        details: [],
      };
  }
}

/** One line of the timeline: an icon on the line, what happened, then who and when. */
export function HistoryEntryView({ entry, recordType, values, now, me, last }: EntryProps) {
  const { t } = useTranslation();
  const [Icon, color] = iconOf(entry);
  const { headline, details } = useEntryText(entry, recordType, values);
  const when = whenText(t, values.format, entry.at, now);
  const who = entry.by === me ? t('card.me') : entry.byName;
  return (
    <Box component="li" sx={{ display: 'flex', gap: 1.5, position: 'relative', pb: last ? 0 : 2 }}>
      {!last && (
        // The line joining this entry's icon to the next one.
        <Box
          aria-hidden
          sx={{
            position: 'absolute',
            left: 13.5,
            top: 30,
            bottom: 2,
            width: '1px',
            bgcolor: 'divider',
          }}
        />
      )}
      <Box
        aria-hidden
        sx={{
          flex: '0 0 28px',
          height: 28,
          borderRadius: '50%',
          border: 1,
          borderColor: 'divider',
          bgcolor: 'background.paper',
          display: 'grid',
          placeItems: 'center',
        }}
      >
        <Icon sx={{ fontSize: 16 }} color={color} />
      </Box>
      <Box sx={{ minWidth: 0, flex: 1, pt: 0.5 }}>
        <Typography variant="body2" sx={{ fontWeight: 600, overflowWrap: 'anywhere' }}>
          {headline}
        </Typography>
        {details.map((line, i) => (
          <Typography
            key={i}
            variant="body2"
            color="text.secondary"
            sx={{ overflowWrap: 'anywhere', whiteSpace: 'pre-line' }}
          >
            {line}
          </Typography>
        ))}
        <Typography variant="caption" color="text.secondary" component="div" sx={{ mt: 0.25 }}>
          {who}
          {' · '}
          <time dateTime={new Date(entry.at).toISOString()} title={when.absolute}>
            {when.relative}
          </time>
        </Typography>
      </Box>
    </Box>
  );
}
