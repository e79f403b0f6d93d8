import ArchiveOutlinedIcon from '@mui/icons-material/ArchiveOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { commandSchemas, type OpportunityCard } from '../../shared/api';
import type { GateRequirement } from '../../shared/domain';
import { useCrm } from '../api/crm-context';
import { useLiveQuery } from '../api/use-live-query';
import { useNotify } from '../app/notifier';
import { missingText, stageName } from '../i18n/error-text';
import { useFormat } from '../i18n/format';
import { AccountDialog } from './AccountDialog';
import { ConfirmDialog } from './ConfirmDialog';
import { ContactDialog } from './ContactDialog';
import { FormDialog } from './FormDialog';
import { ReadOnlyFieldset } from './ReadOnlyFieldset';
import { readOnlyText, useRecordAccess } from '../access/use-actor';
import { FormTextField } from './FormTextField';
import { MoneyField } from './MoneyField';
import { OpportunitySummary } from './OpportunitySummary';
import {
  initialOpportunityValues,
  isOpportunityField,
  toOpportunityFields,
  validateOpportunity,
  type OpportunityValues,
} from './opportunity-form';
import { AccountPicker } from './AccountPicker';
import { RecordPicker } from './RecordPicker';
import { StageHistory } from './StageHistory';
import { useCommandForm } from './use-command-form';
import { ActivityList } from '../activities/ActivityList';
import { PipelineSelect } from '../pipelines/PipelineSelect';
import { loadLastPipeline, saveLastPipeline } from '../pipelines/use-pipelines';

/**
 * A move the core refused for missing fields: the dialog asks for them, then makes the move —
 * or, opened from the gate dialog (fillOnly), only saves them: the gate dialog makes the move.
 */
export interface PendingMove {
  to: string;
  missing: readonly GateRequirement[];
  fillOnly?: boolean;
}

interface OpportunityDialogProps {
  /** The card to edit; without one the dialog creates an opportunity. */
  card?: OpportunityCard;
  pendingMove?: PendingMove;
  onClose(): void;
}

const REQUIREMENT_FIELD: Partial<Record<GateRequirement, keyof OpportunityValues>> = {
  amount: 'amount',
  expectedClose: 'expectedClose',
  contactId: 'contactId',
  description: 'description',
};

/** Mounted only while open, so every opening starts from the card as it is now. */
export function OpportunityDialog({ card, pendingMove, onClose }: OpportunityDialogProps) {
  const { t } = useTranslation();
  const api = useCrm();
  const notify = useNotify();
  const format = useFormat();
  const [inline, setInline] = useState<{ kind: 'account' | 'contact'; name: string } | null>(null);
  const [confirmArchive, setConfirmArchive] = useState(false);
  const [archiving, setArchiving] = useState(false);
  // New deals go into the pipeline the board shows (or the last one used).
  const [pipelineId, setPipelineId] = useState(loadLastPipeline);
  // What this person may do with the deal: the rulebook's answer (a colleague's is read-only).
  const access = useRecordAccess('opportunities', card);
  const readOnly = readOnlyText(t, access);
  const seesManagerNote = !access.hiddenFields.includes('managerNote');
  const label = useCallback(
    (field: string) => (isOpportunityField(field) ? t(`fields.opportunity.${field}`) : undefined),
    [t],
  );

  const form = useCommandForm<OpportunityValues>({
    initial: () => initialOpportunityValues(card, format.language),
    validate: validateOpportunity,
    label,
    run: async (values) => {
      const fields = commandSchemas['opportunities/create'].parse(
        toOpportunityFields(values, { managerNote: seesManagerNote }).fields,
      );
      if (!card) {
        const created = await api.invoke('opportunities/create', { ...fields, pipelineId });
        saveLastPipeline(pipelineId);
        notify(t('opportunityDialog.created', { title: created.title }));
        return onClose();
      }
      const saved = await api.invoke('opportunities/update', { id: card.id, patch: fields });
      if (pendingMove && !pendingMove.fillOnly) {
        await api.invoke('opportunities/move', { id: card.id, to: pendingMove.to });
        notify(t('move.moved', { title: saved.title, stage: stageName(t, pendingMove.to) }));
      } else {
        notify(t('opportunityDialog.saved', { title: saved.title }));
      }
      onClose();
    },
  });
  const { values, set } = form;
  const accountId = values.accountId?.id;
  const accounts = useLiveQuery('accounts/list', {});
  const contacts = useLiveQuery('contacts/list', accountId ? { accountId } : {});

  /** The gate's missing fields that are still empty: each gets a hint under it. */
  const stillMissing = new Set(
    (pendingMove?.missing ?? [])
      .map((requirement) => REQUIREMENT_FIELD[requirement])
      .filter((field): field is keyof OpportunityValues => field !== undefined && !values[field]),
  );
  const neededHint = (field: keyof OpportunityValues) =>
    pendingMove && stillMissing.has(field)
      ? t('opportunityDialog.neededFor', { stage: stageName(t, pendingMove.to) })
      : undefined;
  const firstMissing = pendingMove?.missing.map((r) => REQUIREMENT_FIELD[r]).find(Boolean);
  const warnSx = { color: 'warning.dark' };

  const archive = () => {
    if (!card) return;
    setArchiving(true);
    api
      .invoke('opportunities/archive', { id: card.id })
      .then(() => {
        notify(t('opportunityDialog.archived', { title: card.title }));
        onClose();
      })
      .catch(() => {
        setConfirmArchive(false);
        form.setFormError(t('errors.InternalError'));
      })
      .finally(() => setArchiving(false));
  };

  const fieldsColumn = (
    <ReadOnlyFieldset readOnly={readOnly !== undefined}>
      <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, minWidth: 0 }}>
        {pendingMove && (
          <Alert severity="warning" variant="outlined">
            {t('move.blockedIntro', { stage: stageName(t, pendingMove.to) })}{' '}
            {pendingMove.missing.map((r) => missingText(t, r)).join(t('errors.listSeparator'))}
          </Alert>
        )}
        <FormTextField
          form={form}
          field="title"
          idPrefix="opportunity"
          label={t('fields.opportunity.title')}
          required
          autoFocus={!firstMissing}
        />
        {!card && <PipelineSelect value={pipelineId} onChange={setPipelineId} />}
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, gap: 2 }}>
          <AccountPicker
            id="opportunity-accountId"
            label={t('fields.opportunity.accountId')}
            required
            value={values.accountId}
            options={accounts.data}
            onChange={(account) => {
              set('accountId', account);
              if (account?.id !== accountId) set('contactId', null);
            }}
            onBlur={() => form.touch('accountId')}
            onCreate={(name) => setInline({ kind: 'account', name })}
            error={form.errorFor('accountId')}
          />
          <RecordPicker
            id="opportunity-contactId"
            label={t('fields.opportunity.contactId')}
            value={values.contactId}
            options={accountId ? contacts.data : []}
            disabled={!accountId}
            onChange={(contact) => set('contactId', contact)}
            onBlur={() => form.touch('contactId')}
            onCreate={(name) => setInline({ kind: 'contact', name })}
            createLabel={(name) =>
              name
                ? t('opportunityDialog.newContactNamed', { name })
                : t('opportunityDialog.newContactPlain')
            }
            error={form.errorFor('contactId')}
            helperText={
              accountId ? neededHint('contactId') : t('opportunityDialog.chooseAccountFirst')
            }
            placeholder={t('placeholders.searchContact')}
            autoFocus={firstMissing === 'contactId'}
          />
        </Box>
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '3fr 2fr' }, gap: 2 }}>
          <MoneyField
            amount={values.amount}
            currency={values.currency}
            onAmountChange={(text) => set('amount', text)}
            onCurrencyChange={(currency) => set('currency', currency)}
            onBlur={() => form.touch('amount')}
            error={form.errorFor('amount')}
            helperText={neededHint('amount')}
            warning={stillMissing.has('amount')}
            autoFocus={firstMissing === 'amount'}
          />
          <FormTextField
            form={form}
            field="expectedClose"
            idPrefix="opportunity"
            type="date"
            label={t('fields.opportunity.expectedClose')}
            hint={neededHint('expectedClose')}
            autoFocus={firstMissing === 'expectedClose'}
            slotProps={{
              inputLabel: { shrink: true },
              htmlInput: { max: '9999-12-31' },
              formHelperText: { sx: stillMissing.has('expectedClose') ? warnSx : undefined },
            }}
          />
        </Box>
        <FormTextField
          form={form}
          field="description"
          idPrefix="opportunity"
          label={t('fields.opportunity.description')}
          hint={neededHint('description')}
          autoFocus={firstMissing === 'description'}
          multiline
          minRows={3}
          maxRows={8}
        />
        {seesManagerNote && (
          <FormTextField
            form={form}
            field="managerNote"
            idPrefix="opportunity"
            label={t('fields.opportunity.managerNote')}
            multiline
            minRows={2}
            maxRows={6}
          />
        )}
      </Box>
    </ReadOnlyFieldset>
  );

  return (
    <>
      <FormDialog
        open
        title={card ? t('opportunityDialog.editTitle') : t('opportunityDialog.createTitle')}
        subtitle={card ? <OpportunitySummary card={card} /> : undefined}
        form={form}
        maxWidth={card ? 'md' : 'sm'}
        submitLabel={
          pendingMove && !pendingMove.fillOnly
            ? t('opportunityDialog.saveAndMove', { stage: stageName(t, pendingMove.to) })
            : card
              ? t('actions.save')
              : t('actions.create')
        }
        onClose={onClose}
        readOnly={readOnly}
        extraActions={
          card && (
            <Button
              color="error"
              startIcon={<ArchiveOutlinedIcon />}
              onClick={() => setConfirmArchive(true)}
            >
              {t('opportunityDialog.archive')}
            </Button>
          )
        }
      >
        {card ? (
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '3fr 2fr' }, gap: 3 }}>
            {fieldsColumn}
            <Box
              sx={{
                borderLeft: { md: 1 },
                borderColor: { md: 'divider' },
                pl: { md: 3 },
                display: 'flex',
                flexDirection: 'column',
                gap: 2.5,
              }}
            >
              <ActivityList recordType="opportunity" recordId={card.id} title={card.title} />
              <StageHistory recordId={card.id} title={card.title} />
            </Box>
          </Box>
        ) : (
          fieldsColumn
        )}
      </FormDialog>
      {inline?.kind === 'account' && (
        <AccountDialog
          initialName={inline.name}
          onClose={() => setInline(null)}
          onCreated={(account) => {
            set('accountId', { id: account.id, name: account.name });
            set('contactId', null);
          }}
        />
      )}
      {inline?.kind === 'contact' && (
        <ContactDialog
          initialAccount={values.accountId}
          initialName={inline.name}
          onClose={() => setInline(null)}
          onCreated={(contact) => set('contactId', { id: contact.id, name: contact.name })}
        />
      )}
      {card && (
        <ConfirmDialog
          open={confirmArchive}
          title={t('opportunityDialog.archiveTitle', { title: card.title })}
          body={t('opportunityDialog.archiveBody')}
          confirmLabel={t('opportunityDialog.archiveConfirm')}
          busy={archiving}
          onConfirm={archive}
          onClose={() => setConfirmArchive(false)}
        />
      )}
    </>
  );
}
