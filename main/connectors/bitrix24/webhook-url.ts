/** Parsing and masking of incoming-webhook addresses: https://<портал>/rest/<id>/<ключ>/ (ref §1.1). */

export interface ParsedWebhook {
  /** Origin of the portal, e.g. https://store.bitrix24.ru */
  portalUrl: string;
  host: string;
  userId: string;
  secret: string;
  /** Base for method calls, with a trailing slash: https://store.bitrix24.ru/rest/1/abc/ */
  endpoint: string;
}

export type WebhookParseProblem = 'EMPTY' | 'NOT_URL' | 'SCHEME' | 'NO_REST_PATH' | 'NO_USER_ID' | 'NO_SECRET';

export type WebhookParseResult = { ok: true; value: ParsedWebhook } | { ok: false; problem: WebhookParseProblem; detail: string };

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i;

/** Accepts the address as copied from Bitrix24, with or without the trailing slash or a method name (profile.json). */
export function parseWebhookUrl(input: string): WebhookParseResult {
  const raw = input.trim();
  if (raw === '') return { ok: false, problem: 'EMPTY', detail: 'адрес не указан' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, problem: 'NOT_URL', detail: 'это не адрес (URL)' };
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.test(url.hostname))) {
    return { ok: false, problem: 'SCHEME', detail: 'адрес должен начинаться с https://' };
  }
  const parts = url.pathname.split('/').filter(Boolean);
  const restAt = parts.indexOf('rest');
  if (restAt < 0) return { ok: false, problem: 'NO_REST_PATH', detail: 'в адресе нет части /rest/' };
  const userId = parts[restAt + 1] ?? '';
  const secret = parts[restAt + 2] ?? '';
  if (!/^\d+$/.test(userId)) return { ok: false, problem: 'NO_USER_ID', detail: 'после /rest/ должен идти номер пользователя' };
  if (!/^[A-Za-z0-9_-]{4,}$/.test(secret)) return { ok: false, problem: 'NO_SECRET', detail: 'после номера пользователя должен идти ключ вебхука' };
  const prefix = parts.slice(0, restAt).join('/');
  const portalUrl = url.origin;
  const endpoint = `${portalUrl}/${prefix ? `${prefix}/` : ''}rest/${userId}/${secret}/`;
  return { ok: true, value: { portalUrl, host: url.host, userId, secret, endpoint } };
}

/** Portal origin from an address typed by the user ("store.bitrix24.ru", "https://store.bitrix24.ru/crm/"). */
export function parsePortalUrl(input: string): { ok: true; portalUrl: string; host: string } | { ok: false; detail: string } {
  const raw = input.trim();
  if (raw === '') return { ok: false, detail: 'адрес портала не указан' };
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(raw) ? raw : `https://${raw}`);
  } catch {
    return { ok: false, detail: 'это не адрес портала' };
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.test(url.hostname))) {
    return { ok: false, detail: 'адрес должен начинаться с https://' };
  }
  return { ok: true, portalUrl: url.origin, host: url.host };
}

/** Replaces the key of any webhook address in a text. */
export function maskSecrets(text: string, secrets: string[] = []): string {
  let out = text.replace(/(\/rest\/\d+\/)[^/\s?#"']+/g, '$1••••••');
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join('••••••');
  return out;
}
