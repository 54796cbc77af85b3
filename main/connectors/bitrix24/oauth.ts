/** Refresh of OAuth tokens at the Bitrix24 authorisation server (ref §1.2). */
import { Bitrix24Error } from './errors';
import { isObject } from './envelope';
import type { Transport } from './transport';

export interface OAuthTokens {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms. */
  expiresAt: number;
}

export interface RefreshedTokens extends OAuthTokens {
  clientEndpoint?: string;
  userId?: string;
  scope?: string;
}

export interface RefreshRequest {
  serverUrl: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  now?: () => number;
}

export async function refreshOAuthTokens(transport: Transport, req: RefreshRequest): Promise<RefreshedTokens> {
  const url = new URL('/oauth/token/', req.serverUrl);
  url.searchParams.set('grant_type', 'refresh_token');
  url.searchParams.set('client_id', req.clientId);
  url.searchParams.set('client_secret', req.clientSecret);
  url.searchParams.set('refresh_token', req.refreshToken);
  const secrets = [req.clientSecret, req.refreshToken];
  const res = await transport.get(url.toString(), { method: 'oauth/token', secrets });
  const body = res.body;
  if (res.isJson && isObject(body) && typeof body.access_token === 'string' && typeof body.refresh_token === 'string') {
    const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : Number(body.expires_in ?? 3600);
    return {
      accessToken: body.access_token,
      refreshToken: body.refresh_token,
      expiresAt: (req.now ?? Date.now)() + (Number.isFinite(expiresIn) ? expiresIn : 3600) * 1000,
      clientEndpoint: typeof body.client_endpoint === 'string' ? body.client_endpoint : undefined,
      userId: body.user_id === undefined ? undefined : String(body.user_id),
      scope: typeof body.scope === 'string' ? body.scope : undefined,
    };
  }
  const error = res.isJson && isObject(body) && typeof body.error === 'string' ? body.error : '';
  const description = res.isJson && isObject(body) && typeof body.error_description === 'string' ? body.error_description : '';
  throw oauthError(res.status, error, description);
}

function oauthError(status: number, error: string, description: string): Bitrix24Error {
  const message = `oauth/token: HTTP ${status} ${error || 'unexpected answer'}${description ? ` — ${description}` : ''}`;
  const e = error.toLowerCase();
  if (e === 'invalid_grant' || e === 'expired_token' || e === 'invalid_token') {
    return new Bitrix24Error({ code: 'OAUTH_REFRESH_FAILED', httpStatus: status, apiError: error, message, userMessage: 'Битрикс24 не принял сохранённый ключ обновления (refresh token): доступ отозван или не использовался более 180 дней. Заново разрешите доступ приложению в настройках подключения.' });
  }
  if (e === 'invalid_client' || e === 'wrong_client') {
    return new Bitrix24Error({ code: 'OAUTH_REFRESH_FAILED', httpStatus: status, apiError: error, message, userMessage: 'Сервер авторизации Битрикс24 не принял код приложения (client_id) или его ключ (client_secret). Скопируйте их заново из карточки локального приложения на портале.' });
  }
  if (e === 'payment_required') {
    return new Bitrix24Error({ code: 'REST_UNAVAILABLE', httpStatus: status, apiError: error, message, userMessage: 'На тарифе портала REST API недоступен. Продлите коммерческий тариф (или подписку «Маркетплейс») и проверьте подключение снова.' });
  }
  if (e === 'insufficient_scope' || e === 'invalid_scope') {
    return new Bitrix24Error({ code: 'SCOPE_MISSING', httpStatus: status, apiError: error, message, userMessage: 'У локального приложения не хватает прав. Отметьте в карточке приложения права crm и catalog и заново разрешите доступ.' });
  }
  if (status >= 500 || !error) {
    return new Bitrix24Error({ code: 'SERVER_ERROR', httpStatus: status, apiError: error, message, retryable: true, userMessage: 'Сервер авторизации Битрикс24 (oauth.bitrix.info) временно недоступен. Повторите попытку позже.' });
  }
  return new Bitrix24Error({ code: 'OAUTH_REFRESH_FAILED', httpStatus: status, apiError: error, message, userMessage: `Сервер авторизации Битрикс24 отказал в обновлении ключа (${error}). Заново разрешите доступ приложению в настройках подключения.` });
}
