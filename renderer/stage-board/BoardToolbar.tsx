import FilterListIcon from '@mui/icons-material/FilterList';
import HourglassBottomIcon from '@mui/icons-material/HourglassBottom';
import Badge from '@mui/material/Badge';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import MenuItem from '@mui/material/MenuItem';
import Popover from '@mui/material/Popover';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n/i18n';
import { useFormat } from '../i18n/format';
import {
  activeFilterCount,
  distinctNamed,
  mainCurrency,
  NO_FILTER,
  type BoardFields,
} from './board-filter';
import { AGING_CHOICES, type BoardTools } from './board-prefs';
import { filterChips } from './filter-chips';
import { FilterForm } from './FilterForm';

interface BoardToolbarProps<C> {
  tools: BoardTools;
  fields: BoardFields<C>;
  /** Every card on the board (before filters): owners, accounts and currencies come from them. */
  cards: readonly C[];
  shown: number;
  /** The current user's id, for "Me"; undefined where the host cannot tell. */
  me: string | undefined;
  /** Keys of fields.dates to offer, in order (labels: boardTools.dateFields.<key>). */
  dateFields?: string[];
}

/**
 * A board's filter bar: the Filters button (its popover holds the fields), one removable chip per
 * active filter, Clear all, "showing N of M", and the aging threshold. Drop it above any board.
 */
export function BoardToolbar<C>({
  tools,
  fields,
  cards,
  shown,
  me,
  dateFields,
}: BoardToolbarProps<C>) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const language = currentLanguage(i18n);
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const { filter, setFilter } = tools;
  const active = activeFilterCount(filter);
  const chips = filterChips(t, format, filter);
  const keys = dateFields ?? Object.keys(fields.dates);

  // Computed when the popover opens, not on every board update: thousands of cards, rarely needed.
  const choices = useMemo(() => {
    if (!anchor) return undefined;
    const { account, amount } = fields;
    const owners = distinctNamed(cards, fields.owner, language).filter((o) => o.id !== me);
    const accounts = account ? distinctNamed(cards, account, language) : undefined;
    let currencies: string[] | undefined;
    if (amount) {
      const amounts = cards.map(amount);
      const main = mainCurrency(amounts, 'CNY');
      const others = new Set(
        amounts.flatMap((m) => (m && m.currency !== main ? [m.currency] : [])),
      );
      currencies = [main, ...[...others].sort()];
    }
    return { owners, accounts, currencies };
  }, [anchor, cards, fields, language, me]);

  return (
    <Box
      role="group"
      aria-label={t('boardTools.label')}
      sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1, px: 2, pb: 1 }}
    >
      <Badge badgeContent={active} color="primary" invisible={active === 0}>
        <Button
          size="small"
          variant={active > 0 ? 'contained' : 'outlined'}
          disableElevation
          startIcon={<FilterListIcon />}
          aria-haspopup="dialog"
          aria-label={active > 0 ? t('boardTools.filtersActive', { count: active }) : undefined}
          onClick={(event) => setAnchor(event.currentTarget)}
        >
          {t('boardTools.filters')}
        </Button>
      </Badge>
      {chips.map((chip) => (
        <Chip
          key={chip.key}
          size="small"
          label={chip.label}
          onDelete={() => setFilter(chip.without)}
          // The chip is the button: Delete or Backspace on it removes the filter.
          aria-description={t('boardTools.chip.remove', { label: chip.label })}
        />
      ))}
      {active > 0 && (
        <Button size="small" onClick={() => setFilter(NO_FILTER)}>
          {t('boardTools.clearAll')}
        </Button>
      )}
      <Typography
        variant="body2"
        color="text.secondary"
        role="status"
        data-testid="board-showing"
        sx={{ ml: 0.5 }}
      >
        {active > 0
          ? t('boardTools.showing', { shown, total: cards.length })
          : t('boardTools.all', { total: cards.length })}
      </Typography>
      <Box sx={{ flex: 1 }} />
      <Tooltip title={t('boardTools.agingHint')} placement="bottom-end">
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.75, color: 'text.secondary' }}>
          <HourglassBottomIcon sx={{ fontSize: 16, color: 'warning.main' }} />
          <TextField
            select
            size="small"
            variant="standard"
            label={t('boardTools.aging')}
            value={tools.agingDays}
            onChange={(event) => tools.setAgingDays(Number(event.target.value))}
            sx={{ minWidth: 96 }}
          >
            {[...new Set([...AGING_CHOICES, tools.agingDays])]
              .sort((a, b) => a - b)
              .map((days) => (
                <MenuItem key={days} value={days}>
                  {t('boardTools.agingDays', { count: days })}
                </MenuItem>
              ))}
          </TextField>
        </Box>
      </Tooltip>
      <Popover
        open={anchor !== null}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
        slotProps={{
          paper: { role: 'dialog', 'aria-label': t('boardTools.filtersTitle') } as object,
        }}
      >
        {choices && (
          <FilterForm
            filter={filter}
            onChange={setFilter}
            owners={choices.owners}
            me={me}
            accounts={choices.accounts}
            currencies={choices.currencies}
            dateFields={keys}
          />
        )}
      </Popover>
    </Box>
  );
}
