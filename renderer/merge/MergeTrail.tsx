import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MergedRecord, MergeKind } from '../../shared/api';
import type { Account, Contact, Lead } from '../../shared/domain';
import { useCrm } from '../api/crm-context';
import { useDialogs } from '../app/dialogs';
import { MergeDialog } from './MergeDialog';

type Mergeable = Lead | Account | Contact;

export const nameOf = (found: MergedRecord): string =>
  found.kind === 'lead' ? found.record.company : found.record.name;

/** Opens a lead, account or contact in its dialog (the one open now closes). */
export function useOpenMerged(): (found: MergedRecord) => void {
  const dialogs = useDialogs();
  return (found) => {
    if (found.kind === 'lead') dialogs.openLead({ lead: found.record });
    else if (found.kind === 'account') dialogs.openAccount({ account: found.record });
    else dialogs.openContact({ contact: found.record });
  };
}

/**
 * The merge record a dialog shows: on a merged (source) record, "merged into X" with a way to
 * open X, or to finish a merge that was interrupted; on a target, the records merged into it,
 * which is how a person finds an archived duplicate again.
 */
export function MergeTrail({ kind, record }: { kind: MergeKind; record: Mergeable }) {
  const { t } = useTranslation();
  const api = useCrm();
  const open = useOpenMerged();
  const [target, setTarget] = useState<MergedRecord | null>(null);
  const [merged, setMerged] = useState<MergedRecord[]>([]);
  // Finishing an interrupted merge is the same merge again (it is idempotent), confirmed as one.
  const [finishing, setFinishing] = useState(false);
  const { id, mergedInto } = record;

  useEffect(() => {
    let current = true;
    if (mergedInto) {
      api
        .invoke('merge/record', { kind, id: mergedInto })
        .then((found) => current && setTarget(found))
        .catch(() => undefined);
    }
    api
      .invoke('merge/mergedInto', { kind, targetId: id })
      .then((found) => current && setMerged(found))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [api, kind, id, mergedInto]);

  const kindName = t(`merge.kinds.${kind}`);
  return (
    <>
      {mergedInto && target && (
        <Alert
          severity={record.archived ? 'info' : 'warning'}
          action={
            <Box sx={{ display: 'flex', gap: 1 }}>
              {!record.archived && (
                <Button color="inherit" size="small" onClick={() => setFinishing(true)}>
                  {t('merge.trail.finish')}
                </Button>
              )}
              <Button
                color="inherit"
                size="small"
                onClick={() => open(target)}
                aria-label={t('merge.warning.openNamed', { name: nameOf(target) })}
              >
                {t('merge.trail.openTarget')}
              </Button>
            </Box>
          }
        >
          {record.archived
            ? t('merge.trail.mergedInto', { kind: kindName, name: nameOf(target) })
            : t('merge.trail.unfinished', { kind: kindName, name: nameOf(target) })}
        </Alert>
      )}
      {merged.length > 0 && (
        <Box sx={{ fontSize: 13, color: 'text.secondary' }}>
          {t('merge.trail.mergedFrom')}{' '}
          {merged.map((found, index) => (
            <span key={found.record.id}>
              {index > 0 && t('errors.listSeparator')}
              <Link
                component="button"
                type="button"
                onClick={() => open(found)}
                title={t('merge.trail.archivedTitle')}
                sx={{ verticalAlign: 'baseline', fontSize: 13 }}
              >
                {nameOf(found)}
              </Link>
            </span>
          ))}
        </Box>
      )}
      {finishing && target && (
        <MergeDialog
          request={{
            mode: 'records',
            kind,
            source: { record, name: nameOf({ kind, record } as MergedRecord) },
            target: { record: target.record, name: nameOf(target) },
          }}
          onClose={() => setFinishing(false)}
          onMerged={(done) => open({ kind, record: done } as MergedRecord)}
        />
      )}
    </>
  );
}
