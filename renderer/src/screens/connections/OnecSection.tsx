/** The 1С:Розница block of the Подключения form. */
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import type { ConnectionsView } from '../../../../shared/api';
import { onecUrlRemark, overrideNote, overrideOf, type ConnectionsDraft, type FieldErrors } from './form';
import { SecretField } from './SecretField';

interface Props {
  view: ConnectionsView;
  draft: ConnectionsDraft['onec'];
  errors: FieldErrors;
  disabled: boolean;
  onChange: (next: ConnectionsDraft['onec']) => void;
}

export function OnecSection({ view, draft, errors, disabled, onChange }: Props) {
  const urlEnv = overrideOf(view, 'onec.url');
  const userEnv = overrideOf(view, 'onec.user');
  const tzEnv = overrideOf(view, 'onec.timeZone');
  const urlHelp = urlEnv
    ? overrideNote(urlEnv)
    : (errors['onec.url'] ?? (onecUrlRemark(draft.url) || 'Публикация информационной базы на веб-сервере со стандартным интерфейсом OData.'));

  return (
    <Card data-testid="onec-section">
      <CardHeader title="1С:Розница" subheader="Стандартный интерфейс OData информационной базы" slotProps={{ title: { variant: 'h6' } }} />
      <CardContent sx={{ pt: 0 }}>
        <Stack spacing={2}>
          <TextField
            id="onec-url"
            label="Адрес HTTP-интерфейса (OData)"
            placeholder="http://server/retail/odata/standard.odata"
            value={draft.url}
            error={!!errors['onec.url']}
            disabled={disabled || !!urlEnv}
            helperText={<span data-testid="onec-url-message">{urlHelp}</span>}
            onChange={(e) => onChange({ ...draft, url: e.target.value })}
            slotProps={{ htmlInput: { 'data-testid': 'onec-url', spellCheck: false, inputMode: 'url' }, inputLabel: { shrink: true } }}
          />
          <TextField
            id="onec-user"
            label="Пользователь"
            value={draft.user}
            disabled={disabled || !!userEnv}
            error={!!errors['onec.user']}
            helperText={
              <span data-testid="onec-user-message">
                {userEnv ? overrideNote(userEnv) : (errors['onec.user'] ?? 'Пользователь информационной базы с правами на нужные объекты.')}
              </span>
            }
            autoComplete="off"
            onChange={(e) => onChange({ ...draft, user: e.target.value })}
            slotProps={{ htmlInput: { 'data-testid': 'onec-user', spellCheck: false } }}
          />
          <SecretField
            testId="onec-password"
            label="Пароль"
            saved={view.onec.password}
            draft={draft.password}
            disabled={disabled}
            error={errors['onec.password']}
            overriddenBy={overrideOf(view, 'onec.password')}
            onChange={(password) => onChange({ ...draft, password })}
            typedHelp={() => 'Новый пароль заменит сохранённый при сохранении.'}
          />
          <TextField
            id="onec-timezone"
            label="Часовой пояс магазина"
            value={draft.timeZone}
            disabled={disabled || !!tzEnv}
            helperText={tzEnv ? overrideNote(tzEnv) : 'Даты в 1С хранятся без часового пояса, например Europe/Moscow.'}
            onChange={(e) => onChange({ ...draft, timeZone: e.target.value })}
            slotProps={{ htmlInput: { 'data-testid': 'onec-timezone', spellCheck: false } }}
          />
        </Stack>
      </CardContent>
    </Card>
  );
}
