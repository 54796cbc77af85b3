import Chip from '@mui/material/Chip';
import type { CheckStatus } from '../../../shared/checks';
import { ErrorIcon, OkIcon, WarningIcon } from './icons';

export const STATUS_LABEL: Record<CheckStatus, string> = {
  ok: 'успешно',
  warning: 'предупреждение',
  error: 'ошибка',
};

const COLOR = { ok: 'success', warning: 'warning', error: 'error' } as const;

export function StatusIcon({ status, plain }: { status: CheckStatus; plain?: boolean }) {
  const Icon = status === 'ok' ? OkIcon : status === 'warning' ? WarningIcon : ErrorIcon;
  return <Icon fontSize="small" color={plain ? undefined : COLOR[status]} />;
}

export function StatusChip({ status, testId }: { status: CheckStatus; testId?: string }) {
  return (
    <Chip
      size="small"
      color={COLOR[status]}
      icon={<StatusIcon status={status} plain />}
      label={STATUS_LABEL[status]}
      data-testid={testId}
      data-status={status}
      sx={{ '& .MuiChip-icon': { color: 'inherit' }, fontWeight: 600 }}
    />
  );
}
