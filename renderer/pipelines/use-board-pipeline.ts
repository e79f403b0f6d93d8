import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toCrmErrorData, type OpportunityCard } from '../../shared/api';
import { DEFAULT_PIPELINE_ID, defaultPipeline, pipelineStages } from '../../shared/domain';
import { useCrm } from '../api/crm-context';
import { useNotify } from '../app/notifier';
import { crmErrorText, stageName } from '../i18n/error-text';
import { loadLastPipeline, saveLastPipeline, useCanApprove, usePipelines } from './use-pipelines';

/** Until the list arrives (and if it fails), the board shows the built-in pipeline. */
const BUILT_IN = defaultPipeline();

/**
 * The opportunity board's pipeline: which one is open (remembered across sessions), its stages,
 * the editor's state, and approving from a card.
 */
export function useBoardPipeline() {
  const { t } = useTranslation();
  const api = useCrm();
  const notify = useNotify();
  const pipelines = usePipelines();
  const canApprove = useCanApprove();
  const [chosen, setChosen] = useState(loadLastPipeline);
  const [editing, setEditing] = useState<'new' | 'current' | null>(null);

  // A remembered pipeline that is gone (archived) falls back to the built-in one.
  const pipeline =
    pipelines?.find((p) => p.id === chosen) ??
    pipelines?.find((p) => p.id === DEFAULT_PIPELINE_ID) ??
    BUILT_IN;
  const pipelineId = pipelines ? pipeline.id : chosen;
  const stages = useMemo(() => pipelineStages(pipeline), [pipeline]);

  const select = useCallback((id: string) => {
    setChosen(id);
    saveLastPipeline(id);
  }, []);

  const approve = useCallback(
    (card: OpportunityCard, stage: string) => {
      api
        .invoke('opportunities/approve', { id: card.id, stage })
        .then(() =>
          notify(
            t('pipelines.approval.approvedNotice', {
              title: card.title,
              stage: stageName(t, stage),
            }),
          ),
        )
        .catch((error: unknown) => notify(crmErrorText(t, toCrmErrorData(error)), 'error'));
    },
    [api, notify, t],
  );
  const approvalActions = useMemo(() => ({ canApprove, approve }), [canApprove, approve]);

  return {
    pipelines,
    pipeline,
    pipelineId,
    stages,
    select,
    canApprove,
    approvalActions,
    editing,
    editCurrent: () => setEditing('current'),
    createNew: () => setEditing('new'),
    closeEditor: () => setEditing(null),
  };
}
