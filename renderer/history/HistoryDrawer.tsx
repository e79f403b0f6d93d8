import CloseIcon from '@mui/icons-material/Close';
import HistoryIcon from '@mui/icons-material/History';
import Box from '@mui/material/Box';
import Drawer from '@mui/material/Drawer';
import IconButton from '@mui/material/IconButton';
import Skeleton from '@mui/material/Skeleton';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useCallback, useId, useMemo, useState, type ReactNode, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryRecordType } from '../../shared/domain';
import { useCurrentUserId } from '../api/crm-context';
import { useLiveQuery } from '../api/use-live-query';
import { useNow } from '../app/use-now';
import { useFormat } from '../i18n/format';
import { HistoryEntryView } from './HistoryEntryView';
import type { ValueContext } from './history-text';

/** The record whose history to show, and the name its header shows. */
export interface HistoryTarget {
  recordType: HistoryRecordType;
  recordId: string;
  title: string;
}

/** Names of accounts and contacts, so "客户：华为技术 → 中兴通讯" instead of two ids. */
function useReferenceNames(): ReadonlyMap<string, string> {
  const accounts = useLiveQuery('accounts/list', {}).data;
  const contacts = useLiveQuery('contacts/list', {}).data;
  return useMemo(
    () => new Map([...(accounts ?? []), ...(contacts ?? [])].map((r) => [r.id, r.name])),
    [accounts, contacts],
  );
}

/** The live timeline of one record, newest first. */
function HistoryTimeline({ target, labelId }: { target: HistoryTarget; labelId: string }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const now = useNow();
  const me = useCurrentUserId();
  const names = useReferenceNames();
  const { data, error, loading } = useLiveQuery('history/forRecord', {
    recordType: target.recordType,
    recordId: target.recordId,
  });
  const values: ValueContext = useMemo(
    () => ({ i18n, t, format, names }),
    [i18n, t, format, names],
  );
  if (error) return <Typography color="error">{t('history.loadFailed')}</Typography>;
  if (loading || !data) {
    return (
      <Box sx={{ display: 'grid', gap: 1.5 }}>
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} variant="rounded" height={44} />
        ))}
      </Box>
    );
  }
  if (data.length === 0) {
    return <Typography color="text.secondary">{t('history.empty')}</Typography>;
  }
  return (
    <Box component="ol" aria-labelledby={labelId} sx={{ listStyle: 'none', m: 0, p: 0 }}>
      {data.map((entry, i) => (
        <HistoryEntryView
          key={entry.key}
          entry={entry}
          recordType={target.recordType}
          values={values}
          now={now}
          me={me}
          last={i === data.length - 1}
        />
      ))}
    </Box>
  );
}

const stop = (event: SyntheticEvent) => event.stopPropagation();

/**
 * The history drawer: slides in from the right over any board or dialog, and lists everything
 * that happened to one record. Portalled like every MUI modal, but React events still bubble to
 * whatever rendered it (a board card): they stop here so a click inside never opens or drags it.
 */
export function HistoryDrawer({
  target,
  open = true,
  onClose,
  onExited,
}: {
  target: HistoryTarget | null;
  /** False while it slides out; the target stays so the content does not vanish mid-slide. */
  open?: boolean;
  onClose(): void;
  onExited?(): void;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <Drawer
      anchor="right"
      open={open && target !== null}
      onClose={onClose}
      onClick={stop}
      onPointerDown={stop}
      onKeyDown={stop}
      // Above dialogs too (a drawer's own layer is below them): it opens from record dialogs.
      sx={{ zIndex: (theme) => theme.zIndex.modal + 1 }}
      slotProps={{
        transition: { onExited },
        paper: {
          role: 'dialog',
          'aria-labelledby': titleId,
          sx: { width: { xs: '100%', sm: 420 }, display: 'flex', flexDirection: 'column' },
        },
      }}
    >
      {target && (
        <>
          <Box
            sx={{
              display: 'flex',
              alignItems: 'flex-start',
              gap: 1,
              px: 2.5,
              py: 2,
              borderBottom: 1,
              borderColor: 'divider',
            }}
          >
            <HistoryIcon color="action" sx={{ mt: 0.25 }} />
            <Box sx={{ flex: 1, minWidth: 0 }}>
              <Typography id={titleId} variant="h6" component="h2" sx={{ lineHeight: 1.3 }}>
                {t('history.title')}
              </Typography>
              <Typography variant="body2" color="text.secondary" noWrap title={target.title}>
                {t(`history.recordTypes.${target.recordType}`)}
                {target.title && ` · ${target.title}`}
              </Typography>
            </Box>
            <IconButton aria-label={t('history.close')} onClick={onClose} sx={{ mr: -1 }}>
              <CloseIcon />
            </IconButton>
          </Box>
          <Box sx={{ flex: 1, overflowY: 'auto', px: 2.5, py: 2 }}>
            <HistoryTimeline target={target} labelId={titleId} />
          </Box>
        </>
      )}
    </Drawer>
  );
}

/**
 * For any board card menu or dialog: `open(target)` shows the drawer, and `drawer` is the element
 * to render once, anywhere in the caller's tree.
 */
export function useHistoryDrawer(): { open(target: HistoryTarget): void; drawer: ReactNode } {
  const [target, setTarget] = useState<HistoryTarget | null>(null);
  const [isOpen, setOpen] = useState(false);
  const open = useCallback((next: HistoryTarget) => {
    setTarget(next);
    setOpen(true);
  }, []);
  // Nothing is mounted until it is first opened: a board renders one of these per card.
  const drawer = target && (
    <HistoryDrawer
      target={target}
      open={isOpen}
      onClose={() => setOpen(false)}
      onExited={() => setTarget(null)}
    />
  );
  return { open, drawer };
}

/** A history icon button that opens the drawer: one line for a dialog header or a card. */
export function HistoryButton(props: HistoryTarget & { size?: 'small' | 'medium' }) {
  const { t } = useTranslation();
  const history = useHistoryDrawer();
  const { size = 'small', ...target } = props;
  const label = t('history.openFor', { title: target.title });
  return (
    <>
      <Tooltip title={label}>
        <IconButton size={size} aria-label={label} onClick={() => history.open(target)}>
          <HistoryIcon fontSize={size} />
        </IconButton>
      </Tooltip>
      {history.drawer}
    </>
  );
}
