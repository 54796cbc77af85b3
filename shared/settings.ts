/**
 * Settings: what is kept in the settings file (non-secret) and what goes to the secret store.
 * The same zod schema validates the electron-store file (app) and the JSON file of headless mode.
 */
import { z } from 'zod';

export const SETTINGS_VERSION = 1;

export const OnecSettingsSchema = z.object({
  /** e.g. http://server/retail/odata/standard.odata */
  url: z.string().max(2000).default(''),
  user: z.string().max(200).default(''),
  /** Store time zone: 1С dates carry none (ref 1c §1.4). */
  timeZone: z.string().max(64).default('Europe/Moscow'),
});

export const Bitrix24SettingsSchema = z.object({
  authMode: z.enum(['webhook', 'oauth']).default('webhook'),
  /** Portal address, e.g. https://store.bitrix24.ru (derived from the webhook, or entered for OAuth). */
  portalUrl: z.string().max(500).default(''),
  /** OAuth local application: client_id (public). The client secret and tokens are secrets. */
  clientId: z.string().max(200).default(''),
});

export const ExchangeSettingsSchema = z.object({
  autoSync: z.boolean().default(false),
  intervalMinutes: z.number().int().min(1).max(1440).default(15),
});

export const SettingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION).default(SETTINGS_VERSION),
  onec: OnecSettingsSchema.prefault({}),
  bitrix24: Bitrix24SettingsSchema.prefault({}),
  exchange: ExchangeSettingsSchema.prefault({}),
});

export type Settings = z.infer<typeof SettingsSchema>;

export function defaultSettings(): Settings {
  return SettingsSchema.parse({});
}

/** Names of the secrets kept outside the settings file (safeStorage in the app, a 0600 file headless). */
export const SECRET_KEYS = ['onec.password', 'bitrix24.webhookUrl', 'bitrix24.clientSecret', 'bitrix24.refreshToken'] as const;
export type SecretKey = (typeof SECRET_KEYS)[number];

/** What the UI is allowed to see about a secret: whether it is set and a masked hint. */
export interface SecretView {
  set: boolean;
  /** e.g. "https://store.bitrix24.ru/rest/1/••••••/" — never the secret itself. */
  masked: string;
}

export function maskWebhookUrl(url: string): string {
  return url.replace(/(\/rest\/\d+\/)[^/]+/, '$1••••••');
}

/** Environment variables that override connection settings (CLI, headless mode), and the setting each forces. */
export const ENV_OVERRIDES = {
  ONEC_ODATA_URL: 'onec.url',
  ONEC_USER: 'onec.user',
  ONEC_PASSWORD: 'onec.password',
  B24_WEBHOOK_URL: 'bitrix24.webhookUrl',
} as const;
export type EnvOverrideName = keyof typeof ENV_OVERRIDES;
export type OverridableSetting = (typeof ENV_OVERRIDES)[EnvOverrideName];

/** The variable that forces a setting ("onec.url" → "ONEC_ODATA_URL"), or null. */
export function envNameOf(setting: string): EnvOverrideName | null {
  for (const [name, key] of Object.entries(ENV_OVERRIDES)) if (key === setting) return name as EnvOverrideName;
  return null;
}
