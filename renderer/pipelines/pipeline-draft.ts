import type { TFunction } from 'i18next';
import {
  defaultPipeline,
  isStageOf,
  newStageKey,
  type ChecklistItem,
  type GateField,
  type Pipeline,
  type PipelineStage,
  type StageGate,
} from '../../shared/domain';

/** A gate while being edited. */
export interface GateDraft {
  requiredFields: GateField[];
  checklist: ChecklistItem[];
  approvalRequired: boolean;
}

/** A stage while being edited: the probability is the text in its box. */
export interface StageDraft extends GateDraft {
  key: string;
  name: string;
  probability: string;
}

export interface PipelineDraft {
  name: string;
  stages: StageDraft[];
  wonGate: GateDraft;
}

const builtInName = (t: TFunction, key: string) =>
  isStageOf('opportunity', key) ? t(`stages.opportunity.${key}`) : '';

const copyGate = (gate: StageGate): GateDraft => ({
  requiredFields: [...gate.requiredFields],
  checklist: gate.checklist.map((item) => ({ ...item })),
  approvalRequired: gate.approvalRequired,
});

/** A new pipeline starts as a copy of the built-in stages, renamed freely. */
export function toDraft(t: TFunction, pipeline: Pipeline | undefined): PipelineDraft {
  const source = pipeline ?? defaultPipeline();
  return {
    name: pipeline
      ? pipeline.name || (pipeline.id === 'default' ? t('pipelines.defaultName') : '')
      : '',
    stages: source.stages.map((s) => ({
      ...copyGate(s),
      // A copy gets fresh keys: its cards are its own.
      key: pipeline ? s.key : newStageKey(),
      name: s.name ?? builtInName(t, s.key),
      probability: String(s.probability),
    })),
    wonGate: copyGate(source.wonGate),
  };
}

export function newStageDraft(t: TFunction): StageDraft {
  return {
    key: newStageKey(),
    name: t('pipelines.editor.newStageName'),
    probability: '50',
    requiredFields: [],
    checklist: [],
    approvalRequired: false,
  };
}

/** Problems by field path ("name", "stages.2.name", "stages.0.checklist.1"). */
export type DraftErrors = Record<string, string>;

export function validateDraft(t: TFunction, draft: PipelineDraft, builtIn: boolean): DraftErrors {
  const errors: DraftErrors = {};
  if (!draft.name.trim() && !builtIn) errors.name = t('pipelines.editor.nameRequired');
  if (draft.stages.length === 0) errors.stages = t('pipelines.editor.atLeastOneStage');
  const checkItems = (items: ChecklistItem[], at: string) =>
    items.forEach((item, j) => {
      if (!item.label.trim())
        errors[`${at}.checklist.${j}`] = t('pipelines.editor.checklistLabelRequired');
    });
  draft.stages.forEach((stage, i) => {
    if (!stage.name.trim()) errors[`stages.${i}.name`] = t('pipelines.editor.stageNameRequired');
    if (!/^\d{1,3}$/.test(stage.probability.trim()) || Number(stage.probability) > 100) {
      errors[`stages.${i}.probability`] = t('pipelines.editor.probabilityInvalid');
    }
    checkItems(stage.checklist, `stages.${i}`);
  });
  checkItems(draft.wonGate.checklist, 'wonGate');
  return errors;
}

const trimGate = (gate: GateDraft): StageGate => ({
  requiredFields: gate.requiredFields,
  checklist: gate.checklist.map((item) => ({ id: item.id, label: item.label.trim() })),
  approvalRequired: gate.approvalRequired,
});

/** The command fields; a built-in stage keeps no name while it has its translated one. */
export function fromDraft(
  t: TFunction,
  draft: PipelineDraft,
  builtIn: boolean,
): Pick<Pipeline, 'name' | 'stages' | 'wonGate'> {
  const name = draft.name.trim();
  return {
    // The built-in pipeline keeps its translated name unless someone renamed it.
    name: builtIn && name === t('pipelines.defaultName') ? '' : name,
    stages: draft.stages.map((s): PipelineStage => {
      const name = s.name.trim();
      const stage: PipelineStage = {
        key: s.key,
        probability: Number(s.probability),
        ...trimGate(s),
      };
      if (name !== builtInName(t, s.key)) stage.name = name;
      return stage;
    }),
    wonGate: trimGate(draft.wonGate),
  };
}
