/**
 * The Подключения form as pure data: the draft the user edits, how it becomes a ConnectionsInput (secrets: a typed
 * value replaces, «Очистить» sends null, an empty field keeps the saved one), validation in Russian, and which
 * fields environment variables force.
 */
import type { ConnectionsInput, ConnectionsView } from '../../../../shared/api';
import { envNameOf } from '../../../../shared/settings';

export interface SecretDraft {
  /** What the user typed; '' keeps the saved secret. */
  value: string;
  /** «Очистить» was pressed: send null. */
  clear: boolean;
}

export interface ConnectionsDraft {
  onec: { url: string; user: string; timeZone: string; password: SecretDraft };
  bitrix24: {
    authMode: 'webhook' | 'oauth';
    webhookUrl: SecretDraft;
    portalUrl: string;
    clientId: string;
    clientSecret: SecretDraft;
    refreshToken: SecretDraft;
  };
}

export type FieldKey =
  | 'onec.url'
  | 'onec.user'
  | 'onec.password'
  | 'onec.timeZone'
  | 'bitrix24.authMode'
  | 'bitrix24.webhookUrl'
  | 'bitrix24.portalUrl'
  | 'bitrix24.clientId'
  | 'bitrix24.clientSecret'
  | 'bitrix24.refreshToken';

export type FieldErrors = Partial<Record<FieldKey, string>>;

const emptySecret = (): SecretDraft => ({ value: '', clear: false });

export function draftFromView(view: ConnectionsView): ConnectionsDraft {
  return {
    onec: { url: view.onec.url, user: view.onec.user, timeZone: view.onec.timeZone, password: emptySecret() },
    bitrix24: {
      authMode: view.bitrix24.authMode,
      webhookUrl: emptySecret(),
      portalUrl: view.bitrix24.portalUrl,
      clientId: view.bitrix24.clientId,
      clientSecret: emptySecret(),
      refreshToken: emptySecret(),
    },
  };
}

/** A string sets the secret, null clears it, undefined (absent) keeps the saved one. */
export function secretInput(secret: SecretDraft): string | null | undefined {
  if (secret.clear) return null;
  const value = secret.value.trim();
  return value === '' ? undefined : value;
}

export function draftToInput(draft: ConnectionsDraft): ConnectionsInput {
  const b = draft.bitrix24;
  return {
    onec: {
      url: draft.onec.url.trim(),
      user: draft.onec.user.trim(),
      password: secretInput(draft.onec.password),
      timeZone: draft.onec.timeZone.trim() || undefined,
    },
    bitrix24: {
      authMode: b.authMode,
      webhookUrl: secretInput(b.webhookUrl),
      portalUrl: b.portalUrl.trim(),
      clientId: b.clientId.trim(),
      clientSecret: secretInput(b.clientSecret),
      refreshToken: secretInput(b.refreshToken),
    },
  };
}

/** True when the draft would change something on save. */
export function isDirty(draft: ConnectionsDraft, view: ConnectionsView): boolean {
  const input = draftToInput(draft);
  const b = input.bitrix24;
  const secretsTouched = [input.onec.password, b.webhookUrl, b.clientSecret, b.refreshToken].some((s) => s !== undefined);
  return (
    secretsTouched ||
    input.onec.url !== view.onec.url ||
    input.onec.user !== view.onec.user ||
    (input.onec.timeZone ?? '') !== view.onec.timeZone ||
    b.authMode !== view.bitrix24.authMode ||
    (b.portalUrl ?? '') !== view.bitrix24.portalUrl ||
    (b.clientId ?? '') !== view.bitrix24.clientId
  );
}

// ---------- environment overrides ----------

/**
 * The environment variable that forces this field, else null. `overriddenByEnv` holds setting paths ("onec.url");
 * the names come from the one list in shared/settings.ts. B24_WEBHOOK_URL also forces the webhook mode.
 */
export function overrideOf(view: ConnectionsView, field: FieldKey): string | null {
  const path = field === 'bitrix24.authMode' ? 'bitrix24.webhookUrl' : field;
  return view.overriddenByEnv.includes(path) ? envNameOf(path) ?? path : null;
}

export function overrideNote(envName: string): string {
  return `Задано переменной окружения ${envName} — здесь только для просмотра.`;
}

// ---------- validation ----------

export type Purpose = 'save' | 'check';

/** Checks one URL: '' when fine, else a Russian message. */
export function urlProblem(value: string): string {
  const text = value.trim();
  if (/\s/.test(text)) return 'В адресе не должно быть пробелов.';
  if (!/^https?:\/\//i.test(text)) return 'Адрес должен начинаться с http:// или https://';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'Адрес указан неверно.';
  }
  if (!url.hostname) return 'В адресе не указан сервер.';
  return '';
}

/** Bitrix24 is reached over HTTPS; plain http is accepted only for a local test server. */
function httpsProblem(value: string): string {
  const url = new URL(value.trim());
  const loopback = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i.test(url.hostname);
  return url.protocol === 'https:' || loopback ? '' : 'Адрес Битрикс24 должен начинаться с https://';
}

export function validate(draft: ConnectionsDraft, view: ConnectionsView, purpose: Purpose): FieldErrors {
  const errors: FieldErrors = {};
  const forced = (field: FieldKey) => overrideOf(view, field) !== null;
  const required = purpose === 'check';

  if (!forced('onec.url')) {
    const url = draft.onec.url.trim();
    if (url === '') {
      if (required) errors['onec.url'] = 'Укажите адрес HTTP-интерфейса 1С (OData), например http://server/retail/odata/standard.odata';
    } else {
      const problem = urlProblem(url);
      if (problem) errors['onec.url'] = problem;
    }
  }

  if (required && !forced('onec.user') && draft.onec.user.trim() === '') {
    errors['onec.user'] = 'Укажите пользователя 1С, от имени которого работает обмен.';
  }

  const b = draft.bitrix24;
  if (b.authMode === 'webhook') {
    if (!forced('bitrix24.webhookUrl')) {
      const typed = b.webhookUrl.value.trim();
      const saved = view.bitrix24.webhookUrl.set && !b.webhookUrl.clear;
      if (typed === '') {
        if (required && !saved) errors['bitrix24.webhookUrl'] = 'Укажите адрес входящего вебхука, например https://портал.bitrix24.ru/rest/1/код/';
      } else {
        const problem = urlProblem(typed) || httpsProblem(typed);
        if (problem) errors['bitrix24.webhookUrl'] = problem;
        else if (!/\/rest\/\d+\/[^/?#]+/.test(new URL(typed).pathname)) {
          errors['bitrix24.webhookUrl'] = 'Это не похоже на адрес входящего вебхука: он выглядит как https://портал.bitrix24.ru/rest/1/код/';
        }
      }
    }
  } else {
    if (!forced('bitrix24.portalUrl')) {
      const portal = b.portalUrl.trim();
      if (portal === '') {
        if (required) errors['bitrix24.portalUrl'] = 'Укажите адрес портала, например https://портал.bitrix24.ru';
      } else {
        const problem = urlProblem(portal) || httpsProblem(portal);
        if (problem) errors['bitrix24.portalUrl'] = problem;
      }
    }
    if (required && !forced('bitrix24.clientId') && b.clientId.trim() === '') {
      errors['bitrix24.clientId'] = 'Укажите client_id локального приложения.';
    }
    const secrets = [
      ['bitrix24.clientSecret', b.clientSecret, view.bitrix24.clientSecret.set, 'Укажите client_secret локального приложения.'],
      ['bitrix24.refreshToken', b.refreshToken, view.bitrix24.refreshToken.set, 'Укажите refresh token.'],
    ] as const;
    for (const [field, secret, isSaved, message] of secrets) {
      if (required && !forced(field) && secret.value.trim() === '' && (!isSaved || secret.clear)) errors[field] = message;
    }
  }
  return errors;
}

/** A gentle, non-blocking remark about the 1С address. */
export function onecUrlRemark(value: string): string {
  const text = value.trim();
  if (text === '' || urlProblem(text)) return '';
  if (!/standard\.odata/i.test(text)) return 'Обычно адрес оканчивается на /odata/standard.odata. Проверьте адрес публикации информационной базы.';
  return '';
}

const SETTING_LABEL: Record<string, string> = {
  'onec.url': 'адрес 1С',
  'onec.user': 'пользователь 1С',
  'onec.password': 'пароль 1С',
  'bitrix24.webhookUrl': 'вебхук Битрикс24',
};

/** «адрес 1С (ONEC_ODATA_URL)» for one entry of `overriddenByEnv`. */
export function overrideLabel(entry: string): string {
  const env = envNameOf(entry);
  return `${SETTING_LABEL[entry] ?? entry}${env ? ` (${env})` : ''}`;
}
