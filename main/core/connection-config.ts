/**
 * The effective connection settings: saved settings + secrets, overridden by environment variables
 * (ONEC_ODATA_URL, ONEC_USER, ONEC_PASSWORD, B24_WEBHOOK_URL), optionally overlaid with a draft from the form.
 */
import type { ConnectionsInput } from '../../shared/api';
import { ENV_OVERRIDES, type Settings } from '../../shared/settings';
import type { SecretStore } from './secret-store';

export interface EffectiveConnections {
  onec: { url: string; user: string; password: string; timeZone: string };
  bitrix24: {
    authMode: 'webhook' | 'oauth';
    webhookUrl: string;
    portalUrl: string;
    clientId: string;
    clientSecret: string;
    refreshToken: string;
  };
  /** Names of the settings forced by the environment, e.g. "onec.url". */
  overriddenByEnv: string[];
}

export { ENV_OVERRIDES };

export function envOverrides(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(ENV_OVERRIDES)
    .filter(([name]) => env[name] !== undefined && env[name] !== '')
    .map(([, key]) => key);
}

/** Portal address from a webhook URL: https://shop.bitrix24.ru/rest/1/key/ → https://shop.bitrix24.ru */
export function portalFromWebhook(webhookUrl: string): string {
  try {
    const u = new URL(webhookUrl.trim());
    return `${u.protocol}//${u.host}`;
  } catch {
    return '';
  }
}

export function resolveConnections(
  settings: Settings,
  secrets: SecretStore,
  env: NodeJS.ProcessEnv,
  draft?: ConnectionsInput,
): EffectiveConnections {
  const pick = (draftValue: string | null | undefined, saved: string | null): string =>
    draftValue === undefined ? (saved ?? '') : (draftValue ?? '');

  const onec = {
    url: draft?.onec.url ?? settings.onec.url,
    user: draft?.onec.user ?? settings.onec.user,
    password: pick(draft?.onec.password, secrets.get('onec.password')),
    timeZone: draft?.onec.timeZone ?? settings.onec.timeZone,
  };
  const b = draft?.bitrix24;
  const bitrix24 = {
    authMode: b?.authMode ?? settings.bitrix24.authMode,
    webhookUrl: pick(b?.webhookUrl, secrets.get('bitrix24.webhookUrl')),
    portalUrl: b?.portalUrl ?? settings.bitrix24.portalUrl,
    clientId: b?.clientId ?? settings.bitrix24.clientId,
    clientSecret: pick(b?.clientSecret, secrets.get('bitrix24.clientSecret')),
    refreshToken: pick(b?.refreshToken, secrets.get('bitrix24.refreshToken')),
  };

  // The environment wins over both the saved settings and the form: it is how scripts and schedulers configure runs.
  if (env.ONEC_ODATA_URL) onec.url = env.ONEC_ODATA_URL;
  if (env.ONEC_USER) onec.user = env.ONEC_USER;
  if (env.ONEC_PASSWORD) onec.password = env.ONEC_PASSWORD;
  if (env.B24_WEBHOOK_URL) {
    bitrix24.authMode = 'webhook';
    bitrix24.webhookUrl = env.B24_WEBHOOK_URL;
  }
  if (bitrix24.authMode === 'webhook' && bitrix24.webhookUrl) bitrix24.portalUrl = portalFromWebhook(bitrix24.webhookUrl);
  return { onec, bitrix24, overriddenByEnv: envOverrides(env) };
}
