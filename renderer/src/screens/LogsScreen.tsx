/** Журнал (G6): the last entries with a level filter and search, live updates, export to a text file. */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { LogEntry, LogLevel } from '../../../shared/api';
import { useApi, useResult } from '../api/context';
import { LoadState } from '../components/LoadState';
import { ScreenHeader } from '../components/ScreenHeader';

const LIMIT = 200;
const LEVELS: LogLevel[] = ['debug', 'info', 'warn', 'error'];
const LEVEL_LABEL: Record<LogLevel, string> = { debug: 'отладка', info: 'сведения', warn: 'предупреждение', error: 'ошибка' };
const LEVEL_COLOR = { debug: 'default', info: 'info', warn: 'warning', error: 'error' } as const;
const FILTER_LABEL: Record<LogLevel, string> = {
  debug: 'отладка и выше',
  info: 'сведения и выше',
  warn: 'предупреждения и ошибки',
  error: 'только ошибки',
};

/** The level filter shows the chosen level and everything more severe. */
function matches(entry: LogEntry, level: LogLevel | '', search: string): boolean {
  if (level && LEVELS.indexOf(entry.level) < LEVELS.indexOf(level)) return false;
  if (!search) return true;
  const needle = search.toLocaleLowerCase('ru-RU');
  return `${entry.module} ${entry.message}`.toLocaleLowerCase('ru-RU').includes(needle);
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

function exportEntries(entries: LogEntry[]): void {
  const lines = entries.map((e) => [e.at, e.level.toUpperCase(), e.module, e.runId ?? '-', e.message].join('\t'));
  const blob = new Blob([lines.join('\n') + '\n'], { type: 'text/plain;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `журнал-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.txt`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function LogsScreen() {
  const api = useApi();
  const [level, setLevel] = useState<LogLevel | ''>('');
  const [searchInput, setSearchInput] = useState('');
  const search = useDebounced(searchInput.trim(), 300);
  const [live, setLive] = useState<LogEntry[]>([]);
  const [entries, reload] = useResult(
    (client) => client.logs.list({ limit: LIMIT, level: level || undefined, search: search || undefined }),
    `${level}|${search}`,
  );

  // A fresh load replaces the live additions; new entries arriving meanwhile are prepended when they match.
  useEffect(() => setLive([]), [entries]);
  useEffect(
    () =>
      api.on('log.entry', (entry) => {
        if (matches(entry, level, search)) setLive((prev) => [entry, ...prev].slice(0, LIMIT));
      }),
    [api, level, search],
  );

  return (
    <Box data-testid="screen-logs">
      <ScreenHeader title="Журнал" subtitle={`Последние ${LIMIT} записей: обмены, проверки подключения, ошибки.`} />
      <Stack direction="row" spacing={1.5} sx={{ mb: 2, alignItems: 'center', flexWrap: 'wrap' }}>
        <TextField
          select
          label="Уровень"
          value={level}
          onChange={(e) => setLevel(e.target.value as LogLevel | '')}
          sx={{ width: 240 }}
          fullWidth={false}
          slotProps={{ select: { native: true }, htmlInput: { 'data-testid': 'logs-level' }, inputLabel: { shrink: true } }}
        >
          <option value="">все уровни</option>
          {LEVELS.map((l) => (
            <option key={l} value={l}>
              {FILTER_LABEL[l]}
            </option>
          ))}
        </TextField>
        <TextField
          label="Поиск"
          placeholder="текст сообщения или модуль"
          value={searchInput}
          onChange={(e) => setSearchInput(e.target.value)}
          sx={{ flex: 1, minWidth: 260 }}
          slotProps={{ htmlInput: { 'data-testid': 'logs-search' }, inputLabel: { shrink: true } }}
        />
        <Button variant="outlined" onClick={reload} data-testid="logs-refresh">
          Обновить
        </Button>
        <Button
          variant="outlined"
          data-testid="logs-export"
          disabled={entries.status !== 'ok'}
          onClick={() => entries.status === 'ok' && exportEntries([...live, ...entries.value])}
        >
          Выгрузить в файл
        </Button>
      </Stack>
      <LoadState state={entries} retry={reload} testId="logs">
        {(value) => <LogTable entries={[...live, ...value]} />}
      </LoadState>
    </Box>
  );
}

function LogTable({ entries }: { entries: LogEntry[] }) {
  if (entries.length === 0) {
    return (
      <Typography color="text.secondary" data-testid="logs-empty">
        Записей не найдено.
      </Typography>
    );
  }
  return (
    <>
      <Typography variant="caption" color="text.secondary" data-testid="logs-count">
        Показано записей: {entries.length}
      </Typography>
      <TableContainer sx={{ maxHeight: 'calc(100vh - 260px)', border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: 'background.paper' }}>
        <Table size="small" stickyHeader data-testid="logs-table">
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: 170 }}>Время</TableCell>
              <TableCell sx={{ width: 140 }}>Уровень</TableCell>
              <TableCell sx={{ width: 140 }}>Модуль</TableCell>
              <TableCell>Сообщение</TableCell>
              <TableCell sx={{ width: 120 }}>Обмен</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {entries.map((entry) => (
              <TableRow key={`${entry.id}-${entry.at}`} hover data-testid="logs-row" data-level={entry.level}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{new Date(entry.at).toLocaleString('ru-RU')}</TableCell>
                <TableCell>
                  <Chip size="small" variant="outlined" color={LEVEL_COLOR[entry.level]} label={LEVEL_LABEL[entry.level]} />
                </TableCell>
                <TableCell sx={{ fontFamily: 'monospace', fontSize: 12 }}>{entry.module}</TableCell>
                <TableCell sx={{ wordBreak: 'break-word' }}>{entry.message}</TableCell>
                <TableCell sx={{ fontFamily: 'monospace', fontSize: 12 }}>{entry.runId ? entry.runId.slice(0, 8) : '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </>
  );
}
