/** The Подключения screen (G1): form fields, buttons and the check result, by data-testid. */
import type { Locator, Page } from 'playwright-core';

export type System = 'onec' | 'bitrix24';

export class CheckResultPanel {
  readonly root: Locator;
  readonly status: Locator;
  readonly message: Locator;
  readonly hint: Locator;
  readonly items: Locator;
  readonly found: Locator;

  constructor(
    readonly page: Page,
    readonly system: System,
  ) {
    const id = `check-${system}`;
    this.root = page.getByTestId(id);
    this.status = page.getByTestId(`${id}-status`);
    this.message = page.getByTestId(`${id}-message`);
    this.hint = page.getByTestId(`${id}-hint`);
    this.items = page.getByTestId(`${id}-item`);
    this.found = page.getByTestId(`${id}-found`);
  }

  /** Found facts: onec → service-url, configuration, entity-sets, missing; bitrix24 → portal, user, scopes, missing-scopes. */
  fact(name: string): Locator {
    return this.page.getByTestId(`check-${this.system}-${name}`);
  }

  /** 'ok' | 'warning' | 'error' */
  statusValue(): Promise<string | null> {
    return this.root.getAttribute('data-status');
  }

  /** The CheckCode, e.g. 'AUTH_FAILED'. */
  code(): Promise<string | null> {
    return this.root.getAttribute('data-code');
  }

  /** The whole panel's text: message, hint, items and facts. */
  async text(): Promise<string> {
    return (await this.root.innerText()).replace(/\s+/g, ' ');
  }
}

export class ConnectionsPage {
  readonly root: Locator;
  readonly onecUrl: Locator;
  readonly onecUrlMessage: Locator;
  readonly onecUser: Locator;
  readonly onecPassword: Locator;
  readonly onecPasswordClear: Locator;
  readonly onecPasswordMessage: Locator;
  readonly onecTimeZone: Locator;
  readonly modeWebhook: Locator;
  readonly modeOauth: Locator;
  readonly webhookUrl: Locator;
  readonly webhookUrlMessage: Locator;
  readonly webhookUrlClear: Locator;
  readonly portalUrl: Locator;
  readonly clientId: Locator;
  readonly clientSecret: Locator;
  readonly refreshToken: Locator;
  readonly secretStorage: Locator;
  readonly envOverrides: Locator;
  readonly saveButton: Locator;
  readonly checkButton: Locator;
  readonly saveSuccess: Locator;
  readonly saveError: Locator;
  readonly invalid: Locator;
  readonly progress: Locator;
  readonly report: Locator;
  readonly checkError: Locator;
  readonly onec: CheckResultPanel;
  readonly bitrix24: CheckResultPanel;

  constructor(readonly page: Page) {
    const t = (id: string) => page.getByTestId(id);
    this.root = t('screen-connections');
    this.onecUrl = t('onec-url');
    this.onecUrlMessage = t('onec-url-message');
    this.onecUser = t('onec-user');
    this.onecPassword = t('onec-password');
    this.onecPasswordClear = t('onec-password-clear');
    this.onecPasswordMessage = t('onec-password-message');
    this.onecTimeZone = t('onec-timezone');
    this.modeWebhook = t('b24-mode-webhook');
    this.modeOauth = t('b24-mode-oauth');
    this.webhookUrl = t('b24-webhook-url');
    this.webhookUrlMessage = t('b24-webhook-url-message');
    this.webhookUrlClear = t('b24-webhook-url-clear');
    this.portalUrl = t('b24-portal-url');
    this.clientId = t('b24-client-id');
    this.clientSecret = t('b24-client-secret');
    this.refreshToken = t('b24-refresh-token');
    this.secretStorage = t('secret-storage');
    this.envOverrides = t('env-overrides');
    this.saveButton = t('connections-save');
    this.checkButton = t('connections-check');
    this.saveSuccess = t('save-success');
    this.saveError = t('save-error');
    this.invalid = t('connections-invalid');
    this.progress = t('check-progress');
    this.report = t('check-report');
    this.checkError = t('check-error');
    this.onec = new CheckResultPanel(page, 'onec');
    this.bitrix24 = new CheckResultPanel(page, 'bitrix24');
  }

  async waitLoaded(): Promise<void> {
    await this.onecUrl.waitFor();
  }

  async fillOnec(values: { url: string; user: string; password?: string }): Promise<void> {
    await this.onecUrl.fill(values.url);
    await this.onecUser.fill(values.user);
    if (values.password !== undefined) await this.onecPassword.fill(values.password);
  }

  async fillWebhook(url: string): Promise<void> {
    await this.modeWebhook.click();
    await this.webhookUrl.fill(url);
  }

  /** Presses «Проверить подключение» and waits for the report (or the error). */
  async runCheck(): Promise<void> {
    await this.checkButton.click();
    await this.report.or(this.checkError).waitFor({ timeout: 60_000 });
  }

  async save(): Promise<void> {
    await this.saveButton.click();
    await this.saveSuccess.or(this.saveError).waitFor();
  }
}
