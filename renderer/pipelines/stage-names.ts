import type { Pipeline } from '../../shared/domain';

/**
 * Display names of pipeline stages by key, for every place that names a stage from its key
 * alone (notifications, history, error messages). Custom stage keys are random and so unique
 * across pipelines; the built-in keys live only in the built-in pipeline, whose renamed stages
 * are listed here too. Filled from the pipelines/list query (usePipelines).
 */
const names = new Map<string, string>();

export function rememberStageNames(pipelines: readonly Pipeline[]): void {
  for (const pipeline of pipelines) {
    for (const stage of pipeline.stages) {
      if (stage.name) names.set(stage.key, stage.name);
      else names.delete(stage.key);
    }
  }
}

export function customStageName(key: string): string | undefined {
  return names.get(key);
}
