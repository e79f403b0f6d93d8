import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { ActivityAbout } from '../../shared/api';
import { useDialogs } from '../app/dialogs';

/**
 * The record an item of My day is about — "商机 · ERP 实施 · 华为技术" — opening its dialog, so the
 * rep can move the deal on or update the account right after the visit.
 */
export function AboutLink({ about }: { about: ActivityAbout }) {
  const { t } = useTranslation();
  const dialogs = useDialogs();
  const type = t(`activities.recordTypes.${about.type}`);
  if (about.type === 'other' || !about.title) {
    return (
      <Typography component="span" variant="caption" color="text.secondary">
        {about.title ? `${type} · ${about.title}` : t('activities.myDay.missingRecord')}
      </Typography>
    );
  }
  const open = () => {
    if (about.type === 'opportunity') dialogs.openOpportunity({ card: about.card });
    else if (about.type === 'account') dialogs.openAccount({ account: about.account });
    else dialogs.openContact({ contact: about.contact });
  };
  const detail =
    about.type === 'opportunity'
      ? about.card.accountName
      : about.type === 'contact'
        ? about.accountName
        : undefined;
  return (
    <Link
      component="button"
      type="button"
      variant="caption"
      underline="hover"
      onClick={open}
      aria-label={t('activities.myDay.openRecord', { type, title: about.title })}
      sx={{ textAlign: 'left' }}
    >
      {type} · {about.title}
      {detail ? ` · ${detail}` : ''}
    </Link>
  );
}
