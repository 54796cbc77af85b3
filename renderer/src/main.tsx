/** Entry point: pick the transport, then render the shell (or the «нужен ключ доступа» screen). */
import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import { StrictMode, useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import { tokenState } from './api/auth-state';
import { ApiProvider } from './api/context';
import { connect } from './api';
import { TokenScreen } from './screens/TokenScreen';
import { Shell } from './Shell';
import { theme } from './theme';

const connection = connect(() => tokenState.markRefused());

function Root() {
  const refused = useSyncExternalStore(tokenState.subscribe, tokenState.isRefused);
  if (connection.kind === 'no-token') return <TokenScreen reason="missing" />;
  if (refused) return <TokenScreen reason="refused" />;
  return (
    <ApiProvider client={connection.client}>
      <Shell />
    </ApiProvider>
  );
}

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing in index.html');
createRoot(container).render(
  <StrictMode>
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <Root />
    </ThemeProvider>
  </StrictMode>,
);
