import { createContext, useContext, type ReactNode } from 'react';
import { defaultPipeline, pipelineStages, type StageDefinition } from '../../shared/domain';

/**
 * The stages of the pipeline the opportunity board shows, for the board's generic pieces (the
 * move menu, columns) that list or name stages without knowing which pipeline is open. Outside a
 * board it is the built-in pipeline.
 */
const BoardStagesContext = createContext<readonly StageDefinition[]>(
  pipelineStages(defaultPipeline()),
);

export function BoardStagesProvider({
  stages,
  children,
}: {
  stages: readonly StageDefinition[];
  children: ReactNode;
}) {
  return <BoardStagesContext.Provider value={stages}>{children}</BoardStagesContext.Provider>;
}

export function useBoardStages(): readonly StageDefinition[] {
  return useContext(BoardStagesContext);
}

/** Open stages deepen in blue as the deal matures; won is green, lost grey. */
export function stageAccent(
  stage: Pick<StageDefinition, 'key' | 'order'>,
  openCount: number,
): string {
  if (stage.key === 'won') return '#2e7d32';
  if (stage.key === 'lost') return '#8a94a3';
  const light = [143, 179, 230];
  const dark = [29, 79, 154];
  const f = openCount <= 1 ? 0 : stage.order / (openCount - 1);
  const mix = light.map((l, i) => Math.round(l + (dark[i]! - l) * f));
  return `rgb(${mix.join(', ')})`;
}
