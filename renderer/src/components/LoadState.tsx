/** Shared rendering of a Loadable: a spinner while loading, a Russian error with «Повторить», else the content. */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import type { ReactNode } from 'react';
import type { Loadable } from '../api/context';

export function LoadState<T>({ state, retry, testId, children }: { state: Loadable<T>; retry: () => void; testId: string; children: (value: T) => ReactNode }) {
  if (state.status === 'loading') {
    return (
      <Box sx={{ display: 'flex', justifyContent: 'center', py: 6 }} data-testid={`${testId}-loading`}>
        <CircularProgress size={32} />
      </Box>
    );
  }
  if (state.status === 'error') {
    return (
      <Alert
        severity="error"
        data-testid={`${testId}-error`}
        action={
          <Button color="inherit" size="small" onClick={retry}>
            Повторить
          </Button>
        }
      >
        {state.error.message}
      </Alert>
    );
  }
  return <>{children(state.value)}</>;
}
