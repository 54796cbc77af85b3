/** Обмен (G3/G4): the feature status, auto-sync setting, last run, «Запустить обмен» with live progress. */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { ExchangeProgress, ExchangeStatus, RunSummary } from '../../../shared/api';
import type { ApiError } from '../../../shared/result';
import { useApi, useResult } from '../api/context';
import { FeatureNotice } from '../components/FeatureNotice';
import { LoadState } from '../components/LoadState';
import { ScreenHeader } from '../components/ScreenHeader';

const OUTCOME: Record<RunSummary['outcome'], string> = { ok: 'успешно', errors: 'с ошибками', failed: 'не выполнен' };
const KIND: Record<RunSummary['kind'], string> = { exchange: 'обмен', migration: 'первичная загрузка', check: 'проверка' };

function formatDate(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString('ru-RU') : '—';
}

export function ExchangeScreen() {
  const [status, reload, setStatus] = useResult((api) => api.exchange.status());
  const api = useApi();
  useEffect(() => api.on('exchange.status', setStatus), [api, setStatus]);
  return (
    <Box data-testid="screen-exchange">
      <ScreenHeader title="Обмен" subtitle="Запуск обмена и автоматический обмен по расписанию." />
      <LoadState state={status} retry={reload} testId="exchange">
        {(value) => <ExchangePanel status={value} onStatus={setStatus} onFinished={reload} />}
      </LoadState>
    </Box>
  );
}

interface PanelProps {
  status: ExchangeStatus;
  onStatus: (s: ExchangeStatus) => void;
  onFinished: () => void;
}

function ExchangePanel({ status, onStatus, onFinished }: PanelProps) {
  const api = useApi();
  const [progress, setProgress] = useState<ExchangeProgress | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [starting, setStarting] = useState(false);

  useEffect(() => api.on('exchange.progress', setProgress), [api]);
  useEffect(
    () =>
      api.on('exchange.finished', () => {
        setProgress(null);
        onFinished();
      }),
    [api, onFinished],
  );

  const run = async () => {
    setError(null);
    setStarting(true);
    const result = await api.exchange.run({ dryRun: false });
    setStarting(false);
    if (result.ok) onStatus({ ...status, running: false, lastRun: result.value });
    else setError(result.error);
  };

  const canRun = status.feature.available && !status.running && !starting;
  const last = status.lastRun;

  return (
    <Stack spacing={2}>
      <FeatureNotice status={status.feature} testId="exchange-feature" />
      <Card>
        <CardContent>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <Box sx={{ flex: 1 }}>
              <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
                Автоматический обмен
              </Typography>
              <Typography variant="body2" color="text.secondary" data-testid="exchange-autosync" data-enabled={String(status.autoSync)}>
                {status.autoSync ? `включён, каждые ${status.intervalMinutes} мин` : `выключен (интервал — ${status.intervalMinutes} мин)`}
              </Typography>
            </Box>
            <Button variant="contained" data-testid="exchange-run" disabled={!canRun} onClick={run}>
              Запустить обмен
            </Button>
          </Stack>
          {(status.running || starting || progress) && (
            <Box sx={{ mt: 2 }} data-testid="exchange-progress">
              <Typography variant="body2" sx={{ mb: 1 }}>
                {progress ? `${progress.message} (${progress.done}${progress.total !== null ? ` из ${progress.total}` : ''})` : 'Обмен выполняется…'}
              </Typography>
              <LinearProgress
                variant={progress && progress.total ? 'determinate' : 'indeterminate'}
                value={progress && progress.total ? (100 * progress.done) / progress.total : undefined}
              />
            </Box>
          )}
        </CardContent>
      </Card>
      {error && (
        <Alert severity="error" data-testid="exchange-error">
          {error.message}
        </Alert>
      )}
      <Card data-testid="exchange-last-run">
        <CardContent>
          <Typography variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
            Последний обмен
          </Typography>
          {!last ? (
            <Typography variant="body2" color="text.secondary" data-testid="exchange-last-run-none">
              Обмен ещё не запускался.
            </Typography>
          ) : (
            <Table size="small">
              <TableBody>
                <TableRow>
                  <TableCell sx={{ width: 220, color: 'text.secondary' }}>Что</TableCell>
                  <TableCell>
                    {KIND[last.kind]}
                    {last.dryRun ? ' (пробный запуск, без записи)' : ''}
                  </TableCell>
                </TableRow>
                <TableRow>
                  <TableCell sx={{ color: 'text.secondary' }}>Начат / завершён</TableCell>
                  <TableCell>
                    {formatDate(last.startedAt)} / {formatDate(last.finishedAt)}
                  </TableCell>
                </TableRow>
                <TableRow>
                  <TableCell sx={{ color: 'text.secondary' }}>Итог</TableCell>
                  <TableCell data-testid="exchange-last-run-outcome">{OUTCOME[last.outcome]}</TableCell>
                </TableRow>
                <TableRow>
                  <TableCell sx={{ color: 'text.secondary' }}>Сообщение</TableCell>
                  <TableCell>{last.message}</TableCell>
                </TableRow>
                {Object.entries(last.counts).map(([name, count]) => (
                  <TableRow key={name}>
                    <TableCell sx={{ color: 'text.secondary' }}>{name}</TableCell>
                    <TableCell>{count}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
    </Stack>
  );
}
