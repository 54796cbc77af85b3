/**
 * A secret input (password, webhook URL, client secret, refresh token). The saved value never comes to the UI:
 * a saved secret shows as a «сохранён» placeholder (or the masked webhook), an empty field keeps it, typing replaces
 * it, «Очистить» removes it on save.
 * The input is uncontrolled on purpose: React mirrors a controlled input's value into the `value` attribute, which
 * would put a typed secret into the page's markup; the draft still follows every keystroke through onChange.
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { SecretView } from '../../../../shared/settings';
import type { SecretDraft } from './form';
import { overrideNote } from './form';

interface Props {
  testId: string;
  label: string;
  saved: SecretView;
  draft: SecretDraft;
  onChange: (next: SecretDraft) => void;
  /** Placeholder while a secret is saved and untouched; default «сохранён». */
  savedPlaceholder?: string;
  /** Helper under an empty field when nothing is saved. */
  help?: ReactNode;
  /** Shown under the field while the user types, e.g. a masked preview. */
  typedHelp?: (value: string) => ReactNode;
  error?: string;
  overriddenBy?: string | null;
  disabled?: boolean;
}

export function SecretField({ testId, label, saved, draft, onChange, savedPlaceholder, help, typedHelp, error, overriddenBy, disabled }: Props) {
  const [visible, setVisible] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  // The draft was reset from outside (saved, «Очистить»): empty the field without touching attributes.
  useEffect(() => {
    if (draft.value === '' && inputRef.current && inputRef.current.value !== '') inputRef.current.value = '';
  }, [draft.value]);
  const isSaved = saved.set && !draft.clear;
  const placeholder = overriddenBy
    ? 'задано переменной окружения'
    : draft.clear
      ? 'будет удалён при сохранении'
      : isSaved
        ? (savedPlaceholder ?? 'сохранён')
        : '';

  let helper: ReactNode = help;
  if (overriddenBy) helper = overrideNote(overriddenBy);
  else if (error) helper = error;
  else if (draft.value !== '') helper = typedHelp?.(draft.value) ?? 'Новое значение заменит сохранённое.';
  else if (draft.clear) helper = 'Сохранённое значение будет удалено при сохранении.';
  else if (isSaved) helper = <span data-testid={`${testId}-saved`}>Сохранён. Оставьте поле пустым, чтобы не менять.</span>;

  return (
    <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 1 }}>
      <TextField
        id={testId}
        label={label}
        type={visible ? 'text' : 'password'}
        defaultValue=""
        inputRef={inputRef}
        placeholder={placeholder}
        disabled={disabled || !!overriddenBy}
        error={!!error}
        autoComplete="new-password"
        helperText={helper ? <span data-testid={`${testId}-message`}>{helper}</span> : undefined}
        onChange={(e) => onChange({ value: e.target.value, clear: false })}
        slotProps={{
          inputLabel: { shrink: placeholder !== '' || draft.value !== '' ? true : undefined },
          htmlInput: { 'data-testid': testId, 'data-saved': String(isSaved), spellCheck: false },
          input: {
            endAdornment: draft.value ? (
              <InputAdornment position="end">
                <Tooltip title={visible ? 'Скрыть' : 'Показать'}>
                  <IconButton size="small" edge="end" onClick={() => setVisible((v) => !v)} aria-label={visible ? 'Скрыть' : 'Показать'}>
                    <Box component="span" sx={{ fontSize: 12, fontWeight: 600, px: 0.5 }}>
                      {visible ? 'скрыть' : 'показать'}
                    </Box>
                  </IconButton>
                </Tooltip>
              </InputAdornment>
            ) : undefined,
          },
        }}
      />
      {saved.set && !overriddenBy && (
        <Button
          size="small"
          color={draft.clear ? 'inherit' : 'error'}
          sx={{ mt: 0.5, whiteSpace: 'nowrap', minWidth: 96 }}
          data-testid={`${testId}-clear`}
          disabled={disabled}
          onClick={() => onChange(draft.clear ? { value: '', clear: false } : { value: '', clear: true })}
        >
          {draft.clear ? 'Не удалять' : 'Очистить'}
        </Button>
      )}
    </Box>
  );
}
