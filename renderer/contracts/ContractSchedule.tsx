import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../api/use-live-query';
import { useFormat } from '../i18n/format';
import { deliveryStageName } from '../contracting/contract-text';

/** What signing made of a contract: its delivery's stage and the invoice schedule, live. */
export function ContractSchedule({ contractId }: { contractId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { data } = useLiveQuery('contracts/detail', { id: contractId });
  if (!data) return null;
  return (
    <Box
      component="section"
      aria-labelledby="contract-schedule-title"
      sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 2fr' }, gap: 2 }}
    >
      <Box>
        <Typography variant="subtitle2" sx={{ mb: 0.5 }}>
          {t('contracts.dialog.delivery')}
        </Typography>
        {data.delivery ? (
          <Chip size="small" label={deliveryStageName(t, data.delivery.stage)} />
        ) : (
          <Typography variant="body2" color="text.secondary">
            —
          </Typography>
        )}
      </Box>
      <Box>
        <Typography id="contract-schedule-title" variant="subtitle2" sx={{ mb: 0.5 }}>
          {t('contracts.dialog.schedule')}
        </Typography>
        {data.invoices.length === 0 && (
          <Typography variant="body2" color="text.secondary">
            {t('contracts.dialog.noInvoices')}
          </Typography>
        )}
        <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none' }} data-testid="invoice-schedule">
          {data.invoices.map((invoice) => (
            <Box
              component="li"
              key={invoice.id}
              sx={{ display: 'flex', gap: 1, fontSize: 13.5, py: 0.25 }}
            >
              <Box sx={{ flex: 1, minWidth: 0 }}>
                {t('contracts.dialog.invoiceLine', {
                  number: invoice.number,
                  milestone: invoice.milestone ?? '',
                })}
              </Box>
              <Box sx={{ color: 'text.secondary' }}>
                {t('contracts.dialog.invoiceDue', { date: format.isoDate(invoice.dueOn) })}
              </Box>
              <Box sx={{ fontWeight: 600, minWidth: 110, textAlign: 'right' }}>
                {format.money(invoice.amount)}
              </Box>
            </Box>
          ))}
        </Box>
      </Box>
    </Box>
  );
}
