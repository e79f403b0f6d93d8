import HistoryIcon from '@mui/icons-material/History';
import Button from '@mui/material/Button';
import { useTranslation } from 'react-i18next';
import { useHistoryDrawer, type HistoryTarget } from './HistoryDrawer';

/**
 * "History" in a record dialog's action row (contract, delivery, invoice): opens the record's
 * history drawer over the dialog, so the whole story is one click from the record itself.
 */
export function HistoryAction(target: HistoryTarget) {
  const { t } = useTranslation();
  const history = useHistoryDrawer();
  return (
    <>
      <Button
        startIcon={<HistoryIcon fontSize="small" />}
        aria-label={t('history.openFor', { title: target.title })}
        onClick={() => history.open(target)}
      >
        {t('history.open')}
      </Button>
      {history.drawer}
    </>
  );
}
