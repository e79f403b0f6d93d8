import AddIcon from '@mui/icons-material/Add';
import ApartmentOutlinedIcon from '@mui/icons-material/ApartmentOutlined';
import PersonAddAltOutlinedIcon from '@mui/icons-material/PersonAddAltOutlined';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import Toolbar from '@mui/material/Toolbar';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { QuickSearch } from '../search/QuickSearch';
import { SampleDataBanner } from '../demo/SampleDataBanner';
import { ReminderBanner } from '../sync/ReminderBanner';
import { SyncStatusButton } from '../sync/SyncStatusButton';
import { useDialogs } from './dialogs';
import { NavigationProvider } from './navigation';
import { NavRail } from './NavRail';
import { SCREENS } from './screens';
import { useScreen } from './use-screen';

/** The app bar, the navigation rail, and the screen chosen there. */
export function Shell() {
  const { t } = useTranslation();
  const dialogs = useDialogs();
  const [screenId, setScreenId] = useScreen();
  const screen = SCREENS.find((s) => s.id === screenId) ?? SCREENS[0]!;
  const createActions = [
    { label: 'actions.newOpportunity', icon: <AddIcon />, open: () => dialogs.openOpportunity() },
    {
      label: 'actions.newAccount',
      icon: <ApartmentOutlinedIcon />,
      open: () => dialogs.openAccount(),
    },
    {
      label: 'actions.newContact',
      icon: <PersonAddAltOutlinedIcon />,
      open: () => dialogs.openContact(),
    },
  ] as const;
  return (
    <Box
      sx={{
        height: '100vh',
        display: 'flex',
        flexDirection: 'column',
        bgcolor: 'background.default',
      }}
    >
      <AppBar
        position="static"
        color="inherit"
        elevation={0}
        sx={{ borderBottom: 1, borderColor: 'divider' }}
      >
        <Toolbar
          variant="dense"
          sx={{
            gap: 1.5,
            minHeight: 52,
            '& .MuiButton-root': { whiteSpace: 'nowrap', flexShrink: 0 },
          }}
        >
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mr: 1 }}>
            <Box
              aria-hidden
              sx={{
                width: 28,
                height: 28,
                borderRadius: 1.5,
                display: 'grid',
                placeItems: 'center',
                color: '#fff',
                fontWeight: 800,
                fontSize: 12,
                letterSpacing: 0.3,
                background: 'linear-gradient(135deg, #2f6fc7, #1d4f9a)',
              }}
            >
              LTC
            </Box>
            <Typography
              component="span"
              sx={{ fontWeight: 800, fontSize: 16, whiteSpace: 'nowrap' }}
            >
              {t('app.name')}
            </Typography>
            <Typography
              component="span"
              sx={{ fontSize: 13, color: 'text.secondary', display: { xs: 'none', xl: 'inline' } }}
            >
              {t('app.tagline')}
            </Typography>
          </Box>
          <Divider orientation="vertical" flexItem sx={{ my: 1.25 }} />
          <QuickSearch />
          <Box sx={{ flex: 1 }} />
          {createActions.map((action, i) =>
            // The first action is the one a rep reaches for most: it stands out and keeps its
            // words. The others keep theirs on wide screens and become icons (named, with a
            // tooltip) where the bar would otherwise wrap, as on a 1366-px laptop in English.
            i === 0 ? (
              <Button
                key={action.label}
                variant="contained"
                size="small"
                startIcon={action.icon}
                onClick={action.open}
              >
                {t(action.label)}
              </Button>
            ) : (
              <Tooltip key={action.label} title={t(action.label)}>
                <Button
                  variant="outlined"
                  size="small"
                  aria-label={t(action.label)}
                  onClick={action.open}
                  sx={{
                    minWidth: 0,
                    '& .MuiButton-startIcon': { mr: { xs: 0, xl: 1 }, ml: { xs: 0, xl: -0.5 } },
                  }}
                  startIcon={action.icon}
                >
                  <Box component="span" sx={{ display: { xs: 'none', xl: 'inline' } }}>
                    {t(action.label)}
                  </Box>
                </Button>
              </Tooltip>
            ),
          )}
          <Divider orientation="vertical" flexItem sx={{ my: 1.25 }} />
          <SyncStatusButton />
          <LanguageSwitch />
        </Toolbar>
      </AppBar>
      <ReminderBanner />
      <SampleDataBanner />
      <Box sx={{ flex: 1, minHeight: 0, display: 'flex' }}>
        <NavRail screens={SCREENS} current={screen.id} onSelect={setScreenId} />
        <Box component="main" sx={{ flex: 1, minWidth: 0, minHeight: 0 }}>
          <NavigationProvider navigate={setScreenId}>{screen.render()}</NavigationProvider>
        </Box>
      </Box>
    </Box>
  );
}
