/** The app frame: title bar, left navigation, the current screen. Marks itself app-ready after the first API call. */
import Alert from '@mui/material/Alert';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Drawer from '@mui/material/Drawer';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { useState, type ComponentType } from 'react';
import type { SvgIconProps } from '@mui/material/SvgIcon';
import { useResult } from './api/context';
import { ConflictIcon, InfoIcon, LogIcon, MappingIcon, PlugIcon, SyncIcon } from './components/icons';
import { AboutScreen, MODE_TEXT } from './screens/AboutScreen';
import { ConnectionsScreen } from './screens/ConnectionsScreen';
import { ExchangeScreen } from './screens/ExchangeScreen';
import { ConflictsScreen, MappingScreen } from './screens/FeatureScreen';
import { LogsScreen } from './screens/LogsScreen';

const DRAWER_WIDTH = 232;

interface ScreenDef {
  id: string;
  title: string;
  icon: ComponentType<SvgIconProps>;
  Component: ComponentType;
}

const SCREENS: ScreenDef[] = [
  { id: 'connections', title: 'Подключения', icon: PlugIcon, Component: ConnectionsScreen },
  { id: 'mapping', title: 'Сопоставление', icon: MappingIcon, Component: MappingScreen },
  { id: 'exchange', title: 'Обмен', icon: SyncIcon, Component: ExchangeScreen },
  { id: 'conflicts', title: 'Конфликты', icon: ConflictIcon, Component: ConflictsScreen },
  { id: 'logs', title: 'Журнал', icon: LogIcon, Component: LogsScreen },
  { id: 'about', title: 'О программе', icon: InfoIcon, Component: AboutScreen },
];

export function Shell() {
  const [info, retry] = useResult((api) => api.settings.info());
  const [current, setCurrent] = useState(SCREENS[0].id);

  if (info.status !== 'ok') {
    return (
      <Box sx={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', p: 3 }} data-testid="app-starting">
        {info.status === 'loading' ? (
          <CircularProgress />
        ) : (
          <Alert
            severity="error"
            data-testid="app-start-error"
            action={
              <Button color="inherit" size="small" onClick={retry}>
                Повторить
              </Button>
            }
          >
            {info.error.message}
          </Alert>
        )}
      </Box>
    );
  }

  const screen = SCREENS.find((s) => s.id === current) ?? SCREENS[0];
  const Screen = screen.Component;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', minHeight: '100vh' }} data-testid="app-ready" data-mode={info.value.mode}>
      <AppBar position="sticky" elevation={0}>
        <Toolbar variant="dense" sx={{ gap: 2 }}>
          <Typography variant="h6" component="div" sx={{ flex: 1, fontSize: 17 }} data-testid="app-title">
            Обмен 1С:Розница ⇄ Битрикс24
          </Typography>
          <Chip
            size="small"
            label={`${MODE_TEXT[info.value.mode]} · версия ${info.value.version}`}
            sx={{ color: 'inherit', borderColor: 'rgba(255,255,255,0.5)' }}
            variant="outlined"
          />
        </Toolbar>
      </AppBar>
      <Box sx={{ display: 'flex', flex: 1 }}>
        <Drawer
          variant="permanent"
          sx={{
            width: DRAWER_WIDTH,
            flexShrink: 0,
            '& .MuiDrawer-paper': { width: DRAWER_WIDTH, boxSizing: 'border-box', position: 'relative', height: '100%', overflowY: 'visible' },
          }}
        >
          <List component="nav" aria-label="Разделы" data-testid="nav" sx={{ position: 'sticky', top: 48 }}>
            {SCREENS.map(({ id, title, icon: Icon }) => (
              <ListItemButton key={id} selected={id === screen.id} onClick={() => setCurrent(id)} data-testid={`nav-${id}`}>
                <ListItemIcon sx={{ minWidth: 36 }}>
                  <Icon fontSize="small" />
                </ListItemIcon>
                <ListItemText primary={title} />
              </ListItemButton>
            ))}
          </List>
        </Drawer>
        <Box component="main" sx={{ flex: 1, minWidth: 0, p: 3 }}>
          <Screen key={screen.id} />
        </Box>
      </Box>
    </Box>
  );
}
