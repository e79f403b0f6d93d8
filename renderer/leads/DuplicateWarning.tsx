import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { useTranslation } from 'react-i18next';
import type { DuplicateRecord } from '../../shared/api';
import { leadStageName } from './lead-text';

/**
 * Records that look like the one being entered, each with why and a way to open it; a look-alike
 * lead can also be merged (leads merge only with leads; a lead that is an account already is
 * converted instead, choosing that account).
 */
export function DuplicateWarning({
  duplicates,
  onOpen,
  onMerge,
}: {
  duplicates: DuplicateRecord[];
  onOpen(duplicate: DuplicateRecord): void;
  onMerge?(duplicate: Extract<DuplicateRecord, { kind: 'lead' }>): void;
}) {
  const { t } = useTranslation();
  if (duplicates.length === 0) return null;
  const separator = t('errors.listSeparator');
  return (
    <Alert severity="warning" role="status" sx={{ '& .MuiAlert-message': { flex: 1 } }}>
      <AlertTitle sx={{ fontSize: 14 }}>{t('leads.duplicates.title')}</AlertTitle>
      {t('leads.duplicates.intro')}
      <Box component="ul" sx={{ m: 0, mt: 0.75, p: 0, listStyle: 'none' }}>
        {duplicates.slice(0, 5).map((duplicate) => {
          const name =
            duplicate.kind === 'lead'
              ? `${duplicate.record.company} · ${leadStageName(t, duplicate.record.stage)}`
              : duplicate.kind === 'contact'
                ? t('leads.duplicates.contactOf', {
                    name: duplicate.record.name,
                    account: duplicate.accountName,
                  })
                : duplicate.record.name;
          return (
            <Box
              component="li"
              key={`${duplicate.kind}-${duplicate.record.id}`}
              sx={{ display: 'flex', alignItems: 'center', gap: 1, py: 0.25 }}
            >
              <Box sx={{ flex: 1, minWidth: 0 }}>
                <strong>{t(`leads.duplicates.kinds.${duplicate.kind}`)}</strong> {name}
                <Box component="span" sx={{ color: 'text.secondary', fontSize: 12.5 }}>
                  {' — '}
                  {duplicate.matchedOn
                    .map((field) => t(`leads.duplicates.matchedOn.${field}`))
                    .join(separator)}
                </Box>
              </Box>
              <Button
                size="small"
                variant="outlined"
                color="warning"
                onClick={() => onOpen(duplicate)}
                aria-label={`${t('leads.duplicates.open')} ${name}`}
                sx={{ py: 0, flexShrink: 0, bgcolor: 'background.paper' }}
              >
                {t('leads.duplicates.open')}
              </Button>
              {onMerge && duplicate.kind === 'lead' && (
                <Button
                  size="small"
                  variant="outlined"
                  color="warning"
                  onClick={() => onMerge(duplicate)}
                  aria-label={t('merge.warning.mergeNamed', { name: duplicate.record.company })}
                  sx={{ py: 0, flexShrink: 0, bgcolor: 'background.paper' }}
                >
                  {t('merge.warning.merge')}
                </Button>
              )}
            </Box>
          );
        })}
      </Box>
    </Alert>
  );
}
