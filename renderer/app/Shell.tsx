import AddIcon from '@mui/icons-material/Add';
import ApartmentOutlinedIcon from '@mui/icons-material/ApartmentOutlined';
import PersonAddAltOutlinedIcon from '@mui/icons-material/PersonAddAltOutlined';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { ReminderBanner } from '../sync/ReminderBanner';
import { SyncStatusButton } from '../sync/SyncStatusButton';
import { useDialogs } from './dialogs';
import { SCREENS } from './screens';

/** The app bar with the main navigation, and the screen chosen there. */
export function Shell() {
  const { t } = useTranslation();
  const dialogs = useDialogs();
  const [screenId, setScreenId] = useState(SCREENS[0]!.id);
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
        <Toolbar variant="dense" sx={{ gap: 1.5, minHeight: 52 }}>
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
            <Typography component="span" sx={{ fontWeight: 800, fontSize: 16 }}>
              {t('app.name')}
            </Typography>
            <Typography
              component="span"
              sx={{ fontSize: 13, color: 'text.secondary', display: { xs: 'none', sm: 'inline' } }}
            >
              {t('app.tagline')}
            </Typography>
          </Box>
          <Divider orientation="vertical" flexItem sx={{ my: 1.25 }} />
          <Box component="nav" aria-label={t('app.mainNav')} sx={{ display: 'flex', gap: 0.5 }}>
            {SCREENS.map((s) => {
              const current = s.id === screen.id;
              return (
                <Button
                  key={s.id}
                  size="small"
                  {...(current ? { 'aria-current': 'page' as const } : {})}
                  onClick={() => setScreenId(s.id)}
                  sx={{
                    px: 1.5,
                    color: current ? 'text.primary' : 'text.secondary',
                    ...(current ? { bgcolor: 'action.selected' } : {}),
                  }}
                >
                  {t(s.label)}
                </Button>
              );
            })}
          </Box>
          <Box sx={{ flex: 1 }} />
          {createActions.map((action, i) => (
            <Button
              key={action.label}
              // The first action is the one a rep reaches for most: it stands out.
              variant={i === 0 ? 'contained' : 'outlined'}
              size="small"
              startIcon={action.icon}
              onClick={action.open}
            >
              {t(action.label)}
            </Button>
          ))}
          <Divider orientation="vertical" flexItem sx={{ my: 1.25 }} />
          <SyncStatusButton />
          <LanguageSwitch />
        </Toolbar>
      </AppBar>
      <ReminderBanner />
      <Box component="main" sx={{ flex: 1, minHeight: 0 }}>
        {screen.render()}
      </Box>
    </Box>
  );
}
