import CloseIcon from '@mui/icons-material/Close';
import Box from '@mui/material/Box';
import Drawer from '@mui/material/Drawer';
import IconButton from '@mui/material/IconButton';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { ConflictList } from './ConflictList';
import { ProblemList } from './ProblemList';
import { SyncOverview } from './SyncOverview';
import { useSync, type SyncPanelTab } from './sync-context';

const TABS: readonly SyncPanelTab[] = ['overview', 'conflicts', 'problems'];

/** The sync drawer: where sync stands, the conflict log and the refused changes. */
export function SyncPanel() {
  const { t } = useTranslation();
  const sync = useSync();
  const { status, panelTab } = sync;
  const tab = panelTab ?? 'overview';
  const count = (name: SyncPanelTab) =>
    name === 'conflicts'
      ? (status?.conflicts ?? 0)
      : name === 'problems'
        ? (status?.problems ?? 0)
        : 0;
  const tabLabel = (name: SyncPanelTab) => {
    const label = t(`sync.panel.tabs.${name}`);
    const n = count(name);
    return n > 0 ? t('sync.panel.tabCount', { label, count: n }) : label;
  };

  return (
    <Drawer
      anchor="right"
      open={panelTab !== null && status !== undefined}
      onClose={sync.closePanel}
      slotProps={{
        paper: {
          role: 'dialog',
          'aria-labelledby': 'sync-panel-title',
          sx: { width: { xs: '100%', sm: 460 } },
        },
      }}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', px: 2, pt: 1.5 }}>
        <Typography id="sync-panel-title" variant="h6" sx={{ flex: 1, fontWeight: 800 }}>
          {t('sync.panel.title')}
        </Typography>
        <IconButton aria-label={t('sync.panel.close')} onClick={sync.closePanel}>
          <CloseIcon />
        </IconButton>
      </Box>
      <Tabs
        value={tab}
        onChange={(_event, next: SyncPanelTab) => sync.openPanel(next)}
        variant="fullWidth"
        sx={{ borderBottom: 1, borderColor: 'divider' }}
      >
        {TABS.map((name) => (
          <Tab
            key={name}
            value={name}
            label={tabLabel(name)}
            id={`sync-tab-${name}`}
            aria-controls={`sync-tabpanel-${name}`}
            sx={{
              textTransform: 'none',
              fontWeight: 600,
              color:
                count(name) > 0 ? (name === 'problems' ? 'error.main' : 'warning.dark') : undefined,
            }}
          />
        ))}
      </Tabs>
      <Box
        role="tabpanel"
        id={`sync-tabpanel-${tab}`}
        aria-labelledby={`sync-tab-${tab}`}
        sx={{ p: 2, overflowY: 'auto', flex: 1 }}
      >
        {status && tab === 'overview' && <SyncOverview status={status} />}
        {tab === 'conflicts' && <ConflictList />}
        {tab === 'problems' && <ProblemList />}
      </Box>
    </Drawer>
  );
}
