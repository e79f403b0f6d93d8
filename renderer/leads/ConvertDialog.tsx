import CheckCircleOutlineIcon from '@mui/icons-material/CheckCircleOutlineOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import FormControlLabel from '@mui/material/FormControlLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Typography from '@mui/material/Typography';
import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldIssue, LeadCard } from '../../shared/api';
import { DEFAULT_CURRENCY, parseMoneyInput, type Money } from '../../shared/domain';
import { useCrm } from '../api/crm-context';
import { useNotify } from '../app/notifier';
import { FormDialog } from '../forms/FormDialog';
import { FormTextField } from '../forms/FormTextField';
import { MoneyField } from '../forms/MoneyField';
import { topField, useCommandForm, validateCommand } from '../forms/use-command-form';
import { stageName } from '../i18n/error-text';
import { useDuplicates } from './use-duplicates';

interface ConvertValues {
  opportunityTitle: string;
  amount: string;
  currency: string;
}

const CONVERT_FIELDS = ['opportunityTitle', 'amount', 'accountId'] as const;

function toArgs(id: string, values: ConvertValues, accountId: string | undefined) {
  const issues: FieldIssue[] = [];
  let amount: Money | undefined;
  if (values.amount.trim() !== '') {
    amount = parseMoneyInput(values.amount, values.currency) ?? undefined;
    if (!amount) issues.push({ field: 'amount', code: 'invalid' });
  }
  const args = {
    id,
    opportunityTitle: values.opportunityTitle,
    ...(amount ? { amount } : {}),
    ...(accountId ? { accountId } : {}),
  };
  return { args, issues };
}

/**
 * One step from a qualified lead to account + contact + opportunity. Everything is prefilled
 * from the lead; the rep may name the deal and give an amount, and link an existing account that
 * looks like the lead's company instead of creating a second one.
 */
export function ConvertDialog({ card, onClose }: { card: LeadCard; onClose(): void }) {
  const { t } = useTranslation();
  const api = useCrm();
  const notify = useNotify();
  const radioName = useId();
  // An interrupted conversion keeps the ids it chose (lead-convert.ts): no account choice then.
  const resuming = Boolean(card.convertedOpportunityId);
  const similar = useDuplicates({
    company: card.company,
    phone: card.phone ?? '',
    email: '',
  }).filter((d) => d.kind === 'account');
  const [choice, setChoice] = useState<string | undefined>();
  // Until the rep chooses, a similar existing account is preferred over making a duplicate.
  const accountId = resuming ? undefined : (choice ?? similar[0]?.record.id ?? 'new');
  const linkTo = accountId === 'new' ? undefined : accountId;
  const existing = similar.find((d) => d.record.id === linkTo);

  const label = useCallback(
    (field: string) =>
      (CONVERT_FIELDS as readonly string[]).includes(field)
        ? t(`leads.fields.${field as (typeof CONVERT_FIELDS)[number]}`)
        : undefined,
    [t],
  );
  const validate = useCallback(
    (values: ConvertValues) => {
      const { args, issues } = toArgs(card.id, values, undefined);
      const reported = new Set(issues.map(topField));
      return [
        ...issues,
        ...validateCommand('leads/convert', args).filter((i) => !reported.has(topField(i))),
      ];
    },
    [card.id],
  );
  const form = useCommandForm<ConvertValues>({
    initial: { opportunityTitle: card.company, amount: '', currency: DEFAULT_CURRENCY },
    validate,
    label,
    run: async (values) => {
      const { args } = toArgs(card.id, values, linkTo);
      const { opportunity } = await api.invoke('leads/convert', args);
      notify(t('leads.convert.done', { company: card.company, title: opportunity.title }));
      onClose();
    },
  });

  const accountName = existing?.kind === 'account' ? existing.record.name : card.company;
  const created = [
    linkTo
      ? t('leads.convert.accountExisting', { name: accountName })
      : t('leads.convert.accountNew', { name: card.company }),
    card.contactName
      ? t('leads.convert.contact', { name: card.contactName })
      : t('leads.convert.noContact'),
    t('leads.convert.opportunity', { stage: stageName(t, 'qualify') }),
  ];

  return (
    <FormDialog
      open
      title={t('leads.convert.title', { company: card.company })}
      subtitle={<Typography variant="body2">{t('leads.convert.intro')}</Typography>}
      form={form}
      submitLabel={t('leads.convert.submit')}
      onClose={onClose}
    >
      {resuming && <Alert severity="info">{t('leads.convert.resume')}</Alert>}
      <FormTextField
        form={form}
        field="opportunityTitle"
        idPrefix="convert"
        label={t('leads.fields.opportunityTitle')}
        required
        autoFocus
      />
      <MoneyField
        amount={form.values.amount}
        currency={form.values.currency}
        onAmountChange={(text) => form.set('amount', text)}
        onCurrencyChange={(currency) => form.set('currency', currency)}
        onBlur={() => form.touch('amount')}
        error={form.errorFor('amount')}
      />
      {!resuming && similar.length > 0 && (
        <Box>
          <Typography id={`${radioName}-label`} sx={{ fontWeight: 600, fontSize: 14 }}>
            {t('leads.convert.existingAccount')}
          </Typography>
          <RadioGroup
            aria-labelledby={`${radioName}-label`}
            name={radioName}
            value={accountId}
            onChange={(e) => setChoice(e.target.value)}
          >
            {similar.map((d) => (
              <FormControlLabel
                key={d.record.id}
                value={d.record.id}
                control={<Radio size="small" />}
                label={t('leads.convert.useExisting', {
                  name: d.kind === 'account' ? d.record.name : '',
                })}
              />
            ))}
            <FormControlLabel
              value="new"
              control={<Radio size="small" />}
              label={t('leads.convert.createNew', { name: card.company })}
            />
          </RadioGroup>
        </Box>
      )}
      <Box>
        <Typography sx={{ fontWeight: 600, fontSize: 14, mb: 0.5 }}>
          {t('leads.convert.willCreate')}
        </Typography>
        <Box component="ul" data-testid="convert-summary" sx={{ m: 0, p: 0, listStyle: 'none' }}>
          {created.map((line) => (
            <Box
              component="li"
              key={line}
              sx={{ display: 'flex', alignItems: 'center', gap: 1, py: 0.25, fontSize: 14 }}
            >
              <CheckCircleOutlineIcon color="success" sx={{ fontSize: 18 }} />
              {line}
            </Box>
          ))}
        </Box>
      </Box>
    </FormDialog>
  );
}
