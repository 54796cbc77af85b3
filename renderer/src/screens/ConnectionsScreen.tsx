/** Подключения (G1): settings for 1С and Битрикс24, «Сохранить» and «Проверить подключение» with diagnostics. */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { ConnectionsView } from '../../../shared/api';
import type { ConnectionCheckReport } from '../../../shared/checks';
import type { ApiError } from '../../../shared/result';
import { useApi, useResult } from '../api/context';
import { LockIcon } from '../components/icons';
import { LoadState } from '../components/LoadState';
import { ScreenHeader } from '../components/ScreenHeader';
import { Bitrix24Section } from './connections/Bitrix24Section';
import { SystemResult } from './connections/CheckResults';
import { draftFromView, draftToInput, isDirty, overrideLabel, validate, type ConnectionsDraft, type FieldErrors, type Purpose } from './connections/form';
import { OnecSection } from './connections/OnecSection';

export const SECRET_STORAGE_TEXT: Record<ConnectionsView['secretStorage'], string> = {
  safeStorage: 'зашифрованы средствами ОС',
  file: 'в файле, доступном только текущему пользователю (режим без графической оболочки)',
};

export function ConnectionsScreen() {
  const [view, reload, setView] = useResult((api) => api.connections.get());
  return (
    <Box data-testid="screen-connections">
      <ScreenHeader title="Подключения" subtitle="Адреса и учётные данные 1С:Розница и Битрикс24. Проверьте подключение перед сохранением." />
      <LoadState state={view} retry={reload} testId="connections">
        {(value) => <ConnectionsForm view={value} onSaved={setView} />}
      </LoadState>
    </Box>
  );
}

type Busy = 'idle' | 'saving' | 'checking';

function ConnectionsForm({ view, onSaved }: { view: ConnectionsView; onSaved: (view: ConnectionsView) => void }) {
  const api = useApi();
  const [draft, setDraft] = useState<ConnectionsDraft>(() => draftFromView(view));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [attempted, setAttempted] = useState<Purpose | null>(null);
  const [busy, setBusy] = useState<Busy>('idle');
  const [saveOutcome, setSaveOutcome] = useState<{ ok: true } | { ok: false; error: ApiError } | null>(null);
  const [report, setReport] = useState<{ report: ConnectionCheckReport; withDraft: boolean } | null>(null);
  const [checkError, setCheckError] = useState<ApiError | null>(null);

  const dirty = isDirty(draft, view);

  const update = (next: ConnectionsDraft) => {
    setDraft(next);
    setSaveOutcome(null);
    // Re-validate live once the user has pressed a button, so messages disappear as the input gets fixed.
    if (attempted) setErrors(validate(next, view, attempted));
  };

  const guard = (purpose: Purpose): boolean => {
    const found = validate(draft, view, purpose);
    setAttempted(purpose);
    setErrors(found);
    return Object.keys(found).length === 0;
  };

  const save = async () => {
    setSaveOutcome(null);
    if (!guard('save')) return;
    setBusy('saving');
    const result = await api.connections.save(draftToInput(draft));
    setBusy('idle');
    if (result.ok) {
      setDraft(draftFromView(result.value));
      setSaveOutcome({ ok: true });
      if (report) setReport({ ...report, withDraft: false });
      onSaved(result.value);
    } else {
      setSaveOutcome({ ok: false, error: result.error });
    }
  };

  const check = async () => {
    setCheckError(null);
    if (!guard('check')) return;
    setBusy('checking');
    setReport(null);
    const withDraft = dirty;
    const result = await api.connections.check({ target: 'both', draft: draftToInput(draft) });
    setBusy('idle');
    if (result.ok) setReport({ report: result.value, withDraft });
    else setCheckError(result.error);
  };

  const disabled = busy !== 'idle';
  const hasErrors = Object.keys(errors).length > 0;

  return (
    // A real <form> so browsers treat the password fields properly; Enter must not submit anywhere.
    <Stack spacing={2} component="form" noValidate autoComplete="off" onSubmit={(e) => e.preventDefault()}>
      <Alert severity="info" icon={<LockIcon fontSize="inherit" />} data-testid="secret-storage" data-kind={view.secretStorage}>
        Пароль, вебхук и ключи приложения хранятся отдельно от настроек: {SECRET_STORAGE_TEXT[view.secretStorage]}. Сохранённые значения здесь не показываются.
      </Alert>
      {view.overriddenByEnv.length > 0 && (
        <Alert severity="warning" data-testid="env-overrides">
          Некоторые настройки заданы переменными окружения и здесь только показаны: {view.overriddenByEnv.map(overrideLabel).join(', ')}.
        </Alert>
      )}

      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' }, gap: 2, alignItems: 'start' }}>
        <OnecSection view={view} draft={draft.onec} errors={errors} disabled={disabled} onChange={(onec) => update({ ...draft, onec })} />
        <Bitrix24Section view={view} draft={draft.bitrix24} errors={errors} disabled={disabled} onChange={(bitrix24) => update({ ...draft, bitrix24 })} />
      </Box>

      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Button
          variant="contained"
          data-testid="connections-save"
          disabled={disabled}
          onClick={save}
          startIcon={busy === 'saving' ? <CircularProgress size={16} color="inherit" /> : undefined}
        >
          Сохранить
        </Button>
        <Button
          variant="outlined"
          data-testid="connections-check"
          disabled={disabled}
          onClick={check}
          startIcon={busy === 'checking' ? <CircularProgress size={16} color="inherit" /> : undefined}
        >
          Проверить подключение
        </Button>
        {dirty && <Chip size="small" variant="outlined" label="Есть несохранённые изменения" data-testid="connections-dirty" />}
        {hasErrors && (
          <Typography variant="body2" color="error" data-testid="connections-invalid">
            Исправьте отмеченные поля.
          </Typography>
        )}
      </Stack>

      {saveOutcome?.ok && (
        <Alert severity="success" data-testid="save-success" onClose={() => setSaveOutcome(null)}>
          Настройки подключения сохранены.
        </Alert>
      )}
      {saveOutcome && !saveOutcome.ok && (
        <Alert severity="error" data-testid="save-error">
          Не удалось сохранить: {saveOutcome.error.message}
        </Alert>
      )}

      {busy === 'checking' && (
        <Box data-testid="check-progress">
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            Проверяем подключение к 1С и Битрикс24…
          </Typography>
          <LinearProgress />
        </Box>
      )}
      {checkError && (
        <Alert severity="error" data-testid="check-error">
          Проверка не выполнена: {checkError.message}
        </Alert>
      )}
      {report && (
        <Box data-testid="check-report" data-checked-at={report.report.checkedAt}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'baseline', mb: 1 }}>
            <Typography variant="h6">Результат проверки</Typography>
            <Typography variant="body2" color="text.secondary" data-testid="check-checked-at">
              {new Date(report.report.checkedAt).toLocaleString('ru-RU')}
            </Typography>
          </Stack>
          {report.withDraft && (
            <Alert severity="info" sx={{ mb: 2 }} data-testid="check-unsaved-note">
              Проверены введённые значения — они ещё не сохранены. Нажмите «Сохранить», чтобы обмен использовал их.
            </Alert>
          )}
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' }, gap: 2, alignItems: 'stretch' }}>
            {report.report.onec && <SystemResult check={report.report.onec} />}
            {report.report.bitrix24 && <SystemResult check={report.report.bitrix24} />}
          </Box>
        </Box>
      )}
    </Stack>
  );
}
