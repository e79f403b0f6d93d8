import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MergePreview } from '../../shared/api';
import { mergeValueText, movesText } from './merge-text';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box>
      <Typography sx={{ fontWeight: 600, fontSize: 13.5, mb: 0.5 }}>{title}</Typography>
      {children}
    </Box>
  );
}

/** Label and value pairs as a definition list: the labels line up in one column. */
function Fields({ rows }: { rows: { key: string; label: string; value: ReactNode }[] }) {
  return (
    <Box
      component="dl"
      sx={{ m: 0, display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 2, rowGap: 0.25 }}
    >
      {rows.map((row) => (
        <Box key={row.key} sx={{ display: 'contents' }}>
          <Box component="dt" sx={{ color: 'text.secondary', fontSize: 14 }}>
            {row.label}
          </Box>
          <Box component="dd" sx={{ m: 0, fontSize: 14, overflowWrap: 'anywhere' }}>
            {row.value}
          </Box>
        </Box>
      ))}
    </Box>
  );
}

/**
 * What a merge writes, as the core planned it: the target's blanks it fills, the differing values
 * the target keeps, and (merging two records) what moves over and that the source is archived.
 */
export function MergePlan({
  preview,
  target,
  source,
}: {
  preview: MergePreview;
  target: string;
  /** Only when merging two records; a create dialog's "merge" moves nothing and archives nothing. */
  source?: string;
}) {
  const { t } = useTranslation();
  const label = (field: string) => t(`merge.fields.${field as 'phone'}`);
  return (
    <>
      {preview.fills.length > 0 ? (
        <Section title={t('merge.confirm.fills', { name: target })}>
          <Fields
            rows={preview.fills.map((fill) => ({
              key: fill.field,
              label: label(fill.field),
              value: <strong>{mergeValueText(t, fill.value)}</strong>,
            }))}
          />
        </Section>
      ) : (
        <Typography variant="body2" color="text.secondary">
          {t('merge.confirm.nothingToFill', { name: target })}
        </Typography>
      )}
      {preview.kept.length > 0 && (
        <Section title={t('merge.confirm.kept', { name: target })}>
          <Fields
            rows={preview.kept.map((kept) => ({
              key: kept.field,
              label: label(kept.field),
              value: t('merge.confirm.keptValue', {
                kept: mergeValueText(t, kept.kept),
                dropped: mergeValueText(t, kept.dropped),
              }),
            }))}
          />
        </Section>
      )}
      {source !== undefined && (
        <>
          <Section title={t('merge.confirm.moves', { name: target })}>
            <Typography variant="body2">
              {movesText(t, preview.moves) || t('merge.confirm.noMoves', { name: source })}
            </Typography>
          </Section>
          <Alert severity="info" icon={false} sx={{ py: 0.25 }}>
            {t('merge.confirm.archive', { source, target })}
          </Alert>
        </>
      )}
    </>
  );
}
