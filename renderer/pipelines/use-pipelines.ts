import { useEffect } from 'react';
import type { TFunction } from 'i18next';
import type { Pipeline } from '../../shared/domain';
import { DEFAULT_PIPELINE_ID } from '../../shared/domain';
import { useLiveQuery } from '../api/use-live-query';
import { rememberStageNames } from './stage-names';
import { mayDecideApprovals } from '../../shared/rules/actor';
import { useActor } from '../access/use-actor';

/** The active pipelines, the built-in one first; stage names are remembered for stageName(). */
export function usePipelines(): Pipeline[] | undefined {
  const { data } = useLiveQuery('pipelines/list', {});
  useEffect(() => {
    if (data) rememberStageNames(data);
  }, [data]);
  return data;
}

/** The built-in pipeline shows its translated name until someone names it. */
export function pipelineName(t: TFunction, pipeline: Pick<Pipeline, 'id' | 'name'>): string {
  return pipeline.name || (pipeline.id === DEFAULT_PIPELINE_ID ? t('pipelines.defaultName') : '');
}

/**
 * Whether the person may approve gates and edit pipelines: a signed-in manager or admin, or —
 * with nobody signed in — the single local user (the core applies the same rule).
 */
export function useCanApprove(): boolean {
  return mayDecideApprovals(useActor());
}

const LAST_PIPELINE_KEY = 'ltc.board.pipeline';

/** The board opens on the pipeline the person looked at last. */
export function loadLastPipeline(): string {
  try {
    return localStorage.getItem(LAST_PIPELINE_KEY) ?? DEFAULT_PIPELINE_ID;
  } catch {
    return DEFAULT_PIPELINE_ID;
  }
}

export function saveLastPipeline(id: string): void {
  try {
    localStorage.setItem(LAST_PIPELINE_KEY, id);
  } catch {
    // Private mode or storage full: the board just opens on the default next time.
  }
}
