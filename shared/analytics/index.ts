export * from './types';
export * from './stats';
export {
  buildScope,
  defaultStageModel,
  groupJourneys,
  type Scope,
  type ScopedRecord,
} from './scope';
export { PhaseFlowBuilder, type RecordState } from './flow';
export { salesMetrics } from './sales';
export { cashMetrics } from './cash';
export { findBottlenecks, DEFAULT_BOTTLENECK_OPTIONS, type BottleneckOptions } from './bottlenecks';
export { computeDashboard, phaseFlows } from './dashboard';
export * from './finding-text';
