import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContractCard } from '../../shared/api/contracting-contract';
import type { ContractStage } from '../../shared/domain';
import { FormDialog } from '../forms/FormDialog';
import { FormTextField } from '../forms/FormTextField';
import { useCommandForm, validateCommand } from '../forms/use-command-form';
import type { MoveExtra } from '../stage-board/use-stage-move';

interface Values {
  terminatedReason: string;
}

interface TerminateDialogProps {
  card: ContractCard;
  perform(
    card: ContractCard,
    to: ContractStage,
    extra: MoveExtra,
    fromDialog: boolean,
  ): Promise<void>;
  onClose(): void;
}

/** Terminating needs a reason; asked before the move, so cancelling leaves the card in place. */
export function TerminateDialog({ card, perform, onClose }: TerminateDialogProps) {
  const { t } = useTranslation();
  const label = useCallback(
    (field: string) =>
      field === 'terminatedReason' ? t('contracts.fields.terminatedReason') : undefined,
    [t],
  );
  const validate = useCallback(
    (values: Values) => {
      const issues = validateCommand('contracts/move', {
        id: card.id,
        to: 'terminated',
        ...values,
      });
      return values.terminatedReason.trim()
        ? issues
        : [...issues, { field: 'terminatedReason', code: 'required' as const }];
    },
    [card.id],
  );
  const form = useCommandForm<Values>({
    initial: { terminatedReason: '' },
    validate,
    label,
    run: async (values) => {
      await perform(card, 'terminated', { terminatedReason: values.terminatedReason }, true);
      onClose();
    },
  });
  return (
    <FormDialog
      open
      maxWidth="xs"
      title={t('contracts.terminate.title', { title: card.title })}
      subtitle={t('contracts.terminate.hint')}
      form={form}
      submitLabel={t('contracts.terminate.submit')}
      onClose={onClose}
    >
      <FormTextField
        form={form}
        field="terminatedReason"
        idPrefix="contract"
        label={t('contracts.fields.terminatedReason')}
        required
        autoFocus
        multiline
        minRows={3}
      />
    </FormDialog>
  );
}
