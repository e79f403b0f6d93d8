import type { TFunction } from 'i18next';
import type { DuplicateAction } from './DuplicateAlert';

/**
 * The buttons of one look-alike record. "Use" when the dialog was opened to create a record to
 * pick (a picker's "new …"): the existing one is simply picked. Otherwise "Open", which shows the
 * existing record's dialog instead. "Merge" when the two may become one.
 */
export function duplicateActions(
  t: TFunction,
  name: string,
  handlers: { use?: () => void; open: () => void; merge?: () => void },
): DuplicateAction[] {
  const { use, open, merge } = handlers;
  const actions: DuplicateAction[] = [
    use
      ? {
          label: t('merge.warning.use'),
          ariaLabel: t('merge.warning.useNamed', { name }),
          onClick: use,
        }
      : {
          label: t('merge.warning.open'),
          ariaLabel: t('merge.warning.openNamed', { name }),
          onClick: open,
        },
  ];
  if (merge) {
    actions.push({
      label: t('merge.warning.merge'),
      ariaLabel: t('merge.warning.mergeNamed', { name }),
      onClick: merge,
    });
  }
  return actions;
}
