import ApartmentOutlinedIcon from '@mui/icons-material/ApartmentOutlined';
import FlagOutlinedIcon from '@mui/icons-material/FlagOutlined';
import PersonOutlinedIcon from '@mui/icons-material/PersonOutlined';
import SearchIcon from '@mui/icons-material/Search';
import TrendingUpIcon from '@mui/icons-material/TrendingUp';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import InputAdornment from '@mui/material/InputAdornment';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SEARCH_TEXT_MAX, type SearchHit, type SearchKind } from '../../shared/api';
import { useLiveQuery } from '../api/use-live-query';
import { useDialogs } from '../app/dialogs';
import { useFormat } from '../i18n/format';
import { Highlight } from './Highlight';
import { onMac, useSearchShortcut } from './use-search-shortcut';

const KIND_ICONS: Record<SearchKind, ReactNode> = {
  account: <ApartmentOutlinedIcon fontSize="small" />,
  contact: <PersonOutlinedIcon fontSize="small" />,
  lead: <FlagOutlinedIcon fontSize="small" />,
  opportunity: <TrendingUpIcon fontSize="small" />,
};

/** The field each kind's title comes from: a match there is highlighted in the title itself. */
const TITLE_FIELDS = new Set(['name', 'company', 'title']);

/**
 * Groups hits by kind for the list, in the order the kinds' best hits were ranked (the core
 * ranks across kinds; a group's place says where its best match stood).
 */
function groupedByKind(hits: SearchHit[]): SearchHit[] {
  const order: SearchKind[] = [];
  for (const hit of hits) if (!order.includes(hit.kind)) order.push(hit.kind);
  return order.flatMap((kind) => hits.filter((h) => h.kind === kind));
}

/**
 * The search box in the app bar: accounts, contacts, leads and opportunities by name, pinyin
 * ("hw" finds 华为), phone or email, live as records change. Choosing a result opens its dialog.
 */
export function QuickSearch() {
  const { t } = useTranslation();
  const format = useFormat();
  const dialogs = useDialogs();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  useSearchShortcut(input);
  const query = text.trim().slice(0, SEARCH_TEXT_MAX);
  const { data, loading } = useLiveQuery('search/quick', { text: query });
  const hits = useMemo(() => groupedByKind(data ?? []), [data]);

  const choose = (hit: SearchHit) => {
    setText('');
    setOpen(false);
    input.current?.blur();
    if (hit.kind === 'opportunity') dialogs.openOpportunity({ card: hit.record });
    else if (hit.kind === 'account') dialogs.openAccount({ account: hit.record });
    else if (hit.kind === 'contact') dialogs.openContact({ contact: hit.record });
    else dialogs.openLead({ lead: hit.record });
  };

  const subtitle = (hit: SearchHit) =>
    [hit.subtitle, hit.amount ? format.money(hit.amount) : ''].filter(Boolean).join(' · ');

  return (
    <Autocomplete<SearchHit, false, false, false>
      size="small"
      // The app bar is crowded (English labels are long): the box takes only the room left over
      // (flex basis 0), so no button label ever wraps for it; the result list opens wider anyway.
      sx={{ flex: '4 1 0', minWidth: 72, maxWidth: 280 }}
      open={open && query !== ''}
      onOpen={() => setOpen(true)}
      onClose={() => setOpen(false)}
      options={query ? hits : []}
      // The core has filtered and ranked; the list shows its answer as it is.
      filterOptions={(options) => options}
      value={null}
      inputValue={text}
      onInputChange={(_event, value, reason) => {
        if (reason === 'input' || reason === 'clear') setText(value);
      }}
      onChange={(_event, hit) => hit && choose(hit)}
      autoHighlight
      forcePopupIcon={false}
      clearOnBlur={false}
      loading={loading && query !== ''}
      loadingText="…"
      noOptionsText={t('search.noResults', { text: query })}
      getOptionLabel={(hit) => hit.title}
      getOptionKey={(hit) => `${hit.kind}:${hit.id}`}
      groupBy={(hit) => hit.kind}
      slotProps={{
        popper: { placement: 'bottom-start', sx: { minWidth: 400 } },
        listbox: { 'aria-label': t('search.resultsLabel'), sx: { maxHeight: '70vh' } },
      }}
      renderGroup={(group) => (
        <li key={group.key}>
          <Box
            sx={{
              display: 'flex',
              alignItems: 'center',
              gap: 1,
              px: 1.5,
              py: 0.5,
              fontSize: 12,
              fontWeight: 700,
              color: 'text.secondary',
              bgcolor: 'background.default',
            }}
          >
            {KIND_ICONS[group.group as SearchKind]}
            {t(`search.kinds.${group.group as SearchKind}`)}
          </Box>
          <Box component="ul" sx={{ p: 0 }}>
            {group.children}
          </Box>
        </li>
      )}
      renderOption={(props, hit) => {
        const { key, ...optionProps } = props;
        const inTitle = TITLE_FIELDS.has(hit.matchedBy.field);
        const body = (
          <Box sx={{ minWidth: 0 }}>
            <Typography noWrap sx={{ fontSize: 14 }}>
              <Highlight text={hit.title} range={inTitle ? hit.matchedBy.range : undefined} />
            </Typography>
            {subtitle(hit) && (
              <Typography noWrap sx={{ fontSize: 12, color: 'text.secondary' }}>
                {subtitle(hit)}
              </Typography>
            )}
            {!inTitle && (
              <Typography noWrap sx={{ fontSize: 12, color: 'text.secondary' }}>
                {t(`search.matched.${hit.matchedBy.field as 'phone' | 'email' | 'contactName'}`)}
                {': '}
                <Highlight text={hit.matchedBy.text} range={hit.matchedBy.range} />
              </Typography>
            )}
          </Box>
        );
        return (
          <li key={key} {...optionProps}>
            {body}
          </li>
        );
      }}
      renderInput={(params) => (
        <TextField
          {...params}
          inputRef={input}
          placeholder={`${t('search.label')} (${onMac() ? t('search.shortcutMac') : t('search.shortcut')} /)`}
          slotProps={{
            ...params.slotProps,
            htmlInput: {
              ...params.slotProps.htmlInput,
              'aria-label': t('search.placeholder'),
              maxLength: SEARCH_TEXT_MAX,
            },
            input: {
              ...params.slotProps.input,
              startAdornment: (
                <InputAdornment position="start">
                  <SearchIcon fontSize="small" />
                </InputAdornment>
              ),
            },
          }}
        />
      )}
    />
  );
}
