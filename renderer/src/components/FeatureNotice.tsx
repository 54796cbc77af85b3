import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import type { FeatureStatus } from '../../../shared/api';

/** Says honestly whether a screen's feature works in this version, with the core's own Russian message. */
export function FeatureNotice({ status, testId }: { status: FeatureStatus; testId: string }) {
  return (
    <Alert severity={status.available ? 'success' : 'info'} data-testid={testId} data-available={String(status.available)}>
      <AlertTitle>{status.available ? 'Доступно' : 'Пока недоступно в этой версии'}</AlertTitle>
      {status.message}
    </Alert>
  );
}
