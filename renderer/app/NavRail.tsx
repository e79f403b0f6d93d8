import CampaignOutlinedIcon from '@mui/icons-material/CampaignOutlined';
import DescriptionOutlinedIcon from '@mui/icons-material/DescriptionOutlined';
import HandshakeOutlinedIcon from '@mui/icons-material/HandshakeOutlined';
import InsightsOutlinedIcon from '@mui/icons-material/InsightsOutlined';
import LocalShippingOutlinedIcon from '@mui/icons-material/LocalShippingOutlined';
import PaymentsOutlinedIcon from '@mui/icons-material/PaymentsOutlined';
import TodayOutlinedIcon from '@mui/icons-material/TodayOutlined';
import ViewKanbanOutlinedIcon from '@mui/icons-material/ViewKanbanOutlined';
import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Screen } from './screens';

/** Icons by screen id; a screen without one gets the generic board icon. */
const ICONS: Record<string, ReactNode> = {
  leads: <CampaignOutlinedIcon />,
  opportunities: <HandshakeOutlinedIcon />,
  contracts: <DescriptionOutlinedIcon />,
  delivery: <LocalShippingOutlinedIcon />,
  collections: <PaymentsOutlinedIcon />,
  myDay: <TodayOutlinedIcon />,
  dashboard: <InsightsOutlinedIcon />,
};

/**
 * The main navigation as a narrow rail down the left edge, as VS Code's activity bar: the LTC
 * flow has five boards plus My day and analytics, which no longer fit in the top bar of a
 * 1366-px laptop, and a board needs its width for columns more than its height. Each entry keeps
 * a visible label under its icon, because "合同看板" says more than an icon alone.
 */
export function NavRail({
  screens,
  current,
  onSelect,
}: {
  screens: readonly Screen[];
  current: string;
  onSelect: (id: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Box
      component="nav"
      aria-label={t('app.mainNav')}
      sx={{
        width: 96,
        flexShrink: 0,
        borderRight: 1,
        borderColor: 'divider',
        bgcolor: 'background.paper',
        display: 'flex',
        flexDirection: 'column',
        gap: 0.5,
        py: 1,
        overflowY: 'auto',
      }}
    >
      {screens.map((s) => {
        const selected = s.id === current;
        return (
          <ButtonBase
            key={s.id}
            {...(selected ? { 'aria-current': 'page' as const } : {})}
            onClick={() => onSelect(s.id)}
            sx={{
              mx: 0.75,
              py: 0.75,
              px: 0.5,
              borderRadius: 1.5,
              display: 'flex',
              flexDirection: 'column',
              gap: 0.25,
              color: selected ? 'primary.main' : 'text.secondary',
              bgcolor: selected ? 'action.selected' : 'transparent',
              '&:hover': { bgcolor: 'action.hover' },
              '&.Mui-focusVisible': { outline: 2, outlineColor: 'primary.main' },
              '& svg': { fontSize: 22 },
            }}
          >
            {ICONS[s.id] ?? <ViewKanbanOutlinedIcon />}
            <Box
              component="span"
              sx={{
                fontSize: 11,
                lineHeight: 1.25,
                fontWeight: selected ? 700 : 500,
                textAlign: 'center',
                wordBreak: 'keep-all',
                overflowWrap: 'normal',
              }}
            >
              {t(s.label)}
            </Box>
          </ButtonBase>
        );
      })}
    </Box>
  );
}
