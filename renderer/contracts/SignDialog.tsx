import Alert from '@mui/material/Alert';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContractCard } from '../../shared/api/contracting-contract';
import { unallocated } from '../../shared/domain/contracts';
import type { ContractStage } from '../../shared/domain';
import { localIsoDate } from '../activities/local-day';
import { FormDialog } from '../forms/FormDialog';
import { FormTextField } from '../forms/FormTextField';
import { useCommandForm, validateCommand } from '../forms/use-command-form';
import { useFormat } from '../i18n/format';
import type { MoveExtra } from '../stage-board/use-stage-move';

interface Values {
  signedOn: string;
}

interface SignDialogProps {
  card: ContractCard;
  /** Signed, or a later stage the move passes Signed on the way to. */
  to: ContractStage;
  perform(
    card: ContractCard,
    to: ContractStage,
    extra: MoveExtra,
    fromDialog: boolean,
  ): Promise<void>;
  onClose(): void;
}

/**
 * Signing (签约) asks for the signing date, and says what it will create: the delivery and one
 * invoice per payment milestone. A plan that does not add up is shown here already; the core's
 * gate says the same on the card if the person signs anyway.
 */
export function SignDialog({ card, to, perform, onClose }: SignDialogProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const label = useCallback(
    (field: string) => (field === 'signedOn' ? t('contracts.fields.signedOn') : undefined),
    [t],
  );
  const validate = useCallback(
    (values: Values) =>
      values.signedOn
        ? validateCommand('contracts/move', { id: card.id, to, signedOn: values.signedOn })
        : [{ field: 'signedOn', code: 'required' as const }],
    [card.id, to],
  );
  const form = useCommandForm<Values>({
    initial: () => ({ signedOn: card.signedOn ?? localIsoDate(Date.now()) }),
    validate,
    label,
    run: async (values) => {
      await perform(card, to, { signedOn: values.signedOn }, true);
      onClose();
    },
  });
  const plan = card.paymentPlan ?? [];
  const left = unallocated(card);
  return (
    <FormDialog
      open
      maxWidth="xs"
      title={t('contracts.sign.title', { title: card.title })}
      subtitle={t('contracts.sign.hint', { count: plan.length })}
      form={form}
      submitLabel={t('contracts.sign.submit')}
      onClose={onClose}
    >
      {plan.length > 0 && left.minor !== 0 && (
        <Alert severity="warning" sx={{ py: 0 }}>
          {t('contracts.sign.notBalanced', {
            plan: format.money({ ...card.amount, minor: card.amount.minor - left.minor }),
            amount: format.money(card.amount),
          })}
        </Alert>
      )}
      <FormTextField
        form={form}
        field="signedOn"
        idPrefix="contract"
        type="date"
        label={t('contracts.fields.signedOn')}
        required
        autoFocus
        slotProps={{ inputLabel: { shrink: true } }}
      />
    </FormDialog>
  );
}
