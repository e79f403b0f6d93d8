import type { TFunction } from 'i18next';
import { moneyToInput } from '../../shared/domain';
import type { Refusal } from '../../shared/rules/verdict';
import type { SyncProblem } from '../../shared/sync/types';
import type { FieldLabel } from './error-text';
import { stageName } from './error-text';

/** A message looked up by a key made at run time (the typed `t` only takes literal keys); '' if none. */
function dynamicText(t: TFunction, key: string, options: object = {}): string {
  return (t as unknown as (k: string, o: object) => string)(key, { ...options, defaultValue: '' });
}

/** Where each phase keeps its stage names; opportunities' may be a pipeline's own (stageName). */
const STAGE_SECTIONS: Record<string, string> = {
  lead: 'leads.stages',
  contract: 'contracts.stages',
  delivery: 'delivery.stages',
  invoice: 'collections.stages',
};

function phaseStage(t: TFunction, phase: string, stage: string): string {
  const section = STAGE_SECTIONS[phase];
  return (section && dynamicText(t, `${section}.${stage}`)) || stageName(t, stage);
}

/**
 * Why the firm's rules refuse a change, as one sentence (catalog section "rules"): the same words
 * whether the app refused before saving or the sync server refused later. Stages are named per
 * phase, fields by the rules' own names or the form's label, people by name.
 */
export function refusalText(
  t: TFunction,
  refusal: Refusal,
  label: FieldLabel = () => undefined,
): string {
  const params = refusal.params ?? {};
  const phase = typeof params.phase === 'string' ? params.phase : 'opportunity';
  const stage = (key: string) =>
    typeof params[key] === 'string' ? phaseStage(t, phase, String(params[key])) : '';
  const field = refusal.field?.split('.')[0] ?? '';
  const fieldName =
    (field && dynamicText(t, `rules.fields.${field}`)) || label(field) || t('rules.fields.other');
  const due =
    typeof params.due === 'number' && typeof params.currency === 'string'
      ? {
          due: moneyToInput({ minor: params.due, currency: params.currency }),
          formatParams: { due: { currency: params.currency } },
        }
      : {};
  const owner =
    typeof params.ownerName === 'string' && params.ownerName !== ''
      ? params.ownerName
      : t('rules.fields.ownerId');
  return (
    dynamicText(t, `rules.refusal.${refusal.code}`, {
      ...params,
      owner,
      stage: stage('stage'),
      from: stage('from'),
      to: stage('to'),
      field: fieldName,
      ...due,
    }) || refusal.code
  );
}

/** Several refusals as one text, in the language's list style. */
export function refusalsText(
  t: TFunction,
  refusals: readonly Refusal[],
  label?: FieldLabel,
): string {
  return refusals.map((refusal) => refusalText(t, refusal, label)).join(t('errors.listSeparator'));
}

/** Why the server refused a change, in the rulebook's words (or the coarse code of an old server). */
export function problemReason(t: TFunction, problem: SyncProblem): string {
  if (problem.refusals?.length) return refusalsText(t, problem.refusals);
  if (problem.reason) {
    return refusalsText(t, [
      {
        code: problem.reason,
        ...(problem.field ? { field: problem.field } : {}),
        ...(problem.params ? { params: problem.params } : {}),
      },
    ]);
  }
  if (problem.code === 'forbidden') return t('sync.problems.forbidden');
  return t('sync.problems.invalid');
}
