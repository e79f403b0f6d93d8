import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeliveryCard } from '../../shared/api/contracting-contract';
import type { DeliveryStage } from '../../shared/domain';
import { localIsoDate } from '../activities/local-day';
import type { MoveExtra } from '../stage-board/use-stage-move';
import { FormDialog } from '../forms/FormDialog';
import { FormTextField } from '../forms/FormTextField';
import { useCommandForm, validateCommand } from '../forms/use-command-form';

interface Values {
  acceptedOn: string;
}

interface AcceptDialogProps {
  card: DeliveryCard;
  perform(
    card: DeliveryCard,
    to: DeliveryStage,
    extra: MoveExtra,
    fromDialog: boolean,
  ): Promise<void>;
  onClose(): void;
}

/** Acceptance (验收) asks for the day the customer accepted, before the move. */
export function AcceptDialog({ card, perform, onClose }: AcceptDialogProps) {
  const { t } = useTranslation();
  const label = useCallback(
    (field: string) => (field === 'acceptedOn' ? t('delivery.fields.acceptedOn') : undefined),
    [t],
  );
  const validate = useCallback(
    (values: Values) =>
      values.acceptedOn
        ? validateCommand('deliveries/move', { id: card.id, to: 'accepted', ...values })
        : [{ field: 'acceptedOn', code: 'required' as const }],
    [card.id],
  );
  const form = useCommandForm<Values>({
    initial: () => ({ acceptedOn: card.acceptedOn ?? localIsoDate(Date.now()) }),
    validate,
    label,
    run: async (values) => {
      await perform(card, 'accepted', { acceptedOn: values.acceptedOn }, true);
      onClose();
    },
  });
  return (
    <FormDialog
      open
      maxWidth="xs"
      title={t('delivery.accept.title', { title: card.title })}
      subtitle={t('delivery.accept.hint')}
      form={form}
      submitLabel={t('delivery.accept.submit')}
      onClose={onClose}
    >
      <FormTextField
        form={form}
        field="acceptedOn"
        idPrefix="delivery"
        type="date"
        label={t('delivery.fields.acceptedOn')}
        required
        autoFocus
        slotProps={{ inputLabel: { shrink: true } }}
      />
    </FormDialog>
  );
}
