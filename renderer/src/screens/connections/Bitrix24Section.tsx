/** The Битрикс24 block of the Подключения form: incoming webhook or a local application (OAuth). */
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import type { ConnectionsView } from '../../../../shared/api';
import { maskWebhookUrl } from '../../../../shared/settings';
import { overrideNote, overrideOf, type ConnectionsDraft, type FieldErrors } from './form';
import { SecretField } from './SecretField';

interface Props {
  view: ConnectionsView;
  draft: ConnectionsDraft['bitrix24'];
  errors: FieldErrors;
  disabled: boolean;
  onChange: (next: ConnectionsDraft['bitrix24']) => void;
}

export function Bitrix24Section({ view, draft, errors, disabled, onChange }: Props) {
  // B24_WEBHOOK_URL also forces the webhook mode.
  const modeEnv = overrideOf(view, 'bitrix24.authMode') ?? overrideOf(view, 'bitrix24.webhookUrl');
  const portalEnv = overrideOf(view, 'bitrix24.portalUrl');
  const clientIdEnv = overrideOf(view, 'bitrix24.clientId');
  const saved = view.bitrix24;

  return (
    <Card data-testid="bitrix24-section">
      <CardHeader title="Битрикс24" subheader="REST API портала" slotProps={{ title: { variant: 'h6' } }} />
      <CardContent sx={{ pt: 0 }}>
        <Stack spacing={2}>
          <ToggleButtonGroup
            exclusive
            size="small"
            color="primary"
            value={draft.authMode}
            disabled={disabled || !!modeEnv}
            onChange={(_e, mode: 'webhook' | 'oauth' | null) => mode && onChange({ ...draft, authMode: mode })}
            aria-label="Способ подключения"
          >
            <ToggleButton value="webhook" data-testid="b24-mode-webhook" sx={{ textTransform: 'none' }}>
              Входящий вебхук
            </ToggleButton>
            <ToggleButton value="oauth" data-testid="b24-mode-oauth" sx={{ textTransform: 'none' }}>
              Локальное приложение (OAuth)
            </ToggleButton>
          </ToggleButtonGroup>
          {modeEnv && (
            <Typography variant="caption" color="text.secondary" data-testid="b24-mode-message">
              {overrideNote(modeEnv)}
            </Typography>
          )}

          {draft.authMode === 'webhook' ? (
            <SecretField
              testId="b24-webhook-url"
              label="Адрес входящего вебхука"
              saved={saved.webhookUrl}
              savedPlaceholder={saved.webhookUrl.masked || 'сохранён'}
              draft={draft.webhookUrl}
              disabled={disabled}
              error={errors['bitrix24.webhookUrl']}
              overriddenBy={overrideOf(view, 'bitrix24.webhookUrl')}
              onChange={(webhookUrl) => onChange({ ...draft, webhookUrl })}
              help="Битрикс24 → Разработчикам → Другое → Входящий вебхук. Адрес вида https://портал.bitrix24.ru/rest/1/код/"
              typedHelp={(value) => (
                <>
                  Будет сохранён как <span data-testid="b24-webhook-url-preview">{maskWebhookUrl(value.trim())}</span>
                </>
              )}
            />
          ) : (
            <>
              <TextField
                id="b24-portal-url"
                label="Адрес портала"
                placeholder="https://портал.bitrix24.ru"
                value={draft.portalUrl}
                error={!!errors['bitrix24.portalUrl']}
                disabled={disabled || !!portalEnv}
                helperText={<span data-testid="b24-portal-url-message">{portalEnv ? overrideNote(portalEnv) : (errors['bitrix24.portalUrl'] ?? 'Адрес вашего портала Битрикс24.')}</span>}
                onChange={(e) => onChange({ ...draft, portalUrl: e.target.value })}
                slotProps={{ htmlInput: { 'data-testid': 'b24-portal-url', spellCheck: false, inputMode: 'url' }, inputLabel: { shrink: true } }}
              />
              <TextField
                id="b24-client-id"
                label="client_id"
                value={draft.clientId}
                error={!!errors['bitrix24.clientId']}
                disabled={disabled || !!clientIdEnv}
                helperText={<span data-testid="b24-client-id-message">{clientIdEnv ? overrideNote(clientIdEnv) : (errors['bitrix24.clientId'] ?? 'Код приложения (client_id) из карточки локального приложения.')}</span>}
                onChange={(e) => onChange({ ...draft, clientId: e.target.value })}
                slotProps={{ htmlInput: { 'data-testid': 'b24-client-id', spellCheck: false } }}
              />
              <SecretField
                testId="b24-client-secret"
                label="client_secret"
                saved={saved.clientSecret}
                draft={draft.clientSecret}
                disabled={disabled}
                error={errors['bitrix24.clientSecret']}
                overriddenBy={overrideOf(view, 'bitrix24.clientSecret')}
                onChange={(clientSecret) => onChange({ ...draft, clientSecret })}
                help="Ключ приложения (client_secret)."
              />
              <SecretField
                testId="b24-refresh-token"
                label="Refresh token"
                saved={saved.refreshToken}
                draft={draft.refreshToken}
                disabled={disabled}
                error={errors['bitrix24.refreshToken']}
                overriddenBy={overrideOf(view, 'bitrix24.refreshToken')}
                onChange={(refreshToken) => onChange({ ...draft, refreshToken })}
                help="Токен обновления, полученный при установке приложения."
              />
            </>
          )}
        </Stack>
      </CardContent>
    </Card>
  );
}
