import EditOutlinedIcon from '@mui/icons-material/EditOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toCrmErrorData } from '../../shared/api';
import type { SyncProblem } from '../../shared/sync/types';
import { useCrm } from '../api/crm-context';
import { useLiveQuery } from '../api/use-live-query';
import { useDialogs } from '../app/dialogs';
import { useNotify } from '../app/notifier';
import { ConfirmDialog } from '../forms/ConfirmDialog';
import { crmErrorText } from '../i18n/error-text';
import { problemReason } from '../i18n/refusal-text';
import { useFormat } from '../i18n/format';
import { queryOnce } from './query-once';
import { useSync } from './sync-context';
import { collectionName, fieldLabel } from './sync-text';
import { useSyncCommand } from './use-sync-command';

/** Collections with an edit dialog: a refused edit there can be fixed where it was made. */
const EDITABLE = new Set(['opportunities', 'accounts', 'contacts']);

/** Opens the record's edit dialog on its current local state (the refused edit included). */
function useEditRecord() {
  const api = useCrm();
  const dialogs = useDialogs();
  const notify = useNotify();
  const { t } = useTranslation();
  return async (problem: SyncProblem) => {
    const { recordId } = problem;
    try {
      if (problem.collection === 'opportunities') {
        const board = await queryOnce(api, 'board/opportunities', {});
        const card = board.columns.flatMap((c) => c.cards).find((c) => c.id === recordId);
        if (card) return dialogs.openOpportunity({ card });
      } else if (problem.collection === 'accounts') {
        const account = (await queryOnce(api, 'accounts/list', {})).find((a) => a.id === recordId);
        if (account) return dialogs.openAccount({ account });
      } else if (problem.collection === 'contacts') {
        const contact = (await queryOnce(api, 'contacts/list', {})).find((c) => c.id === recordId);
        if (contact) return dialogs.openContact({ contact });
      }
      notify(t('sync.problems.recordGone'), 'error');
    } catch (error) {
      notify(crmErrorText(t, toCrmErrorData(error)), 'error');
    }
  };
}

/** The rulebook's reason when the server gave one; else the coarse code, naming the field. */
function reasonText(t: TFunction, problem: SyncProblem, field: string | undefined): string {
  if (problem.reason) return problemReason(t, problem);
  if (problem.code === 'forbidden') return t('sync.problems.forbidden');
  return field ? t('sync.problems.invalidField', { field }) : t('sync.problems.invalid');
}

/**
 * Pushes the server refused, each with its reason in words and the server's own explanation,
 * to fix in the record's dialog or to discard (the local state then becomes the server's).
 */
export function ProblemList() {
  const { t, i18n } = useTranslation();
  const api = useCrm();
  const format = useFormat();
  const problems = useLiveQuery('sync/problems', {});
  const { busy, run } = useSyncCommand();
  const editRecord = useEditRecord();
  const [discarding, setDiscarding] = useState<SyncProblem | null>(null);
  // Discarding fetches the server's version of the record: only possible while signed in.
  const signedOut = useSync().status?.state === 'signedOut';

  if (problems.error) return <Alert severity="error">{crmErrorText(t, problems.error)}</Alert>;
  if (!problems.data) return <CircularProgress size={20} />;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1.5 }}>
      <Typography variant="body2" color="text.secondary">
        {t('sync.problems.intro')}
      </Typography>
      {problems.data.length === 0 ? (
        <Typography color="text.secondary">{t('sync.problems.empty')}</Typography>
      ) : (
        <Box
          component="ul"
          aria-label={t('sync.problems.listLabel')}
          sx={{ display: 'flex', flexDirection: 'column', gap: 1, m: 0, p: 0 }}
        >
          {problems.data.map((problem) => {
            const field = problem.field
              ? fieldLabel(i18n, problem.collection, problem.field)
              : undefined;
            const canEdit = problem.code === 'invalid' && EDITABLE.has(problem.collection);
            return (
              <Paper
                key={problem.id}
                component="li"
                variant="outlined"
                aria-label={problem.recordLabel}
                sx={{ listStyle: 'none', p: 1.5, borderColor: 'error.light' }}
              >
                <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 1 }}>
                  <Typography variant="caption" color="text.secondary" sx={{ flex: 1 }}>
                    {collectionName(i18n, problem.collection)}
                    {field ? ` · ${field}` : ''}
                  </Typography>
                  <Typography variant="caption" color="text.secondary">
                    {format.dateTime(problem.at)}
                  </Typography>
                </Box>
                <Typography sx={{ fontWeight: 700, overflowWrap: 'anywhere' }}>
                  {problem.recordLabel}
                </Typography>
                <Typography variant="body2" color="error" sx={{ mt: 0.5 }}>
                  {reasonText(t, problem, field)}
                </Typography>
                {/* The server's own words (English) add the rule an invalid value broke;
                    for a refusal by owner, the sentence above already says it all. */}
                {problem.code === 'invalid' && !problem.reason && problem.message && (
                  <Typography
                    variant="caption"
                    color="text.secondary"
                    component="div"
                    sx={{ overflowWrap: 'anywhere' }}
                  >
                    {t('sync.problems.serverSays', { message: problem.message })}
                  </Typography>
                )}
                <Box sx={{ display: 'flex', gap: 1, mt: 1 }}>
                  {canEdit && (
                    <Button
                      size="small"
                      variant="contained"
                      startIcon={<EditOutlinedIcon />}
                      onClick={() => void editRecord(problem)}
                    >
                      {t('sync.problems.edit')}
                    </Button>
                  )}
                  <Button
                    size="small"
                    color="error"
                    variant={canEdit ? 'text' : 'outlined'}
                    disabled={busy !== null || signedOut}
                    onClick={() => setDiscarding(problem)}
                  >
                    {t('sync.problems.discard')}
                  </Button>
                </Box>
                {signedOut && (
                  <Typography variant="caption" color="text.secondary" component="div">
                    {t('sync.problems.signInToDiscard')}
                  </Typography>
                )}
              </Paper>
            );
          })}
        </Box>
      )}
      <ConfirmDialog
        open={discarding !== null}
        title={t('sync.problems.discardTitle', { record: discarding?.recordLabel ?? '' })}
        body={t('sync.problems.discardBody')}
        confirmLabel={t('sync.problems.discardConfirm')}
        busy={busy !== null}
        onClose={() => setDiscarding(null)}
        onConfirm={() => {
          if (!discarding) return;
          const { id, recordLabel } = discarding;
          void run(
            `discard ${id}`,
            () => api.invoke('sync/problems/discard', { id }),
            t('sync.problems.discarded', { record: recordLabel }),
          ).finally(() => setDiscarding(null));
        }}
      />
    </Box>
  );
}
