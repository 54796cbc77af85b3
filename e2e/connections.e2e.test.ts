/**
 * G1 end to end: the real headless server (fresh data folder per test) with the renderer build, driven in Debian's
 * chromium; the connection checks run for real against the 1С and Bitrix24 simulators. Screenshots of every state go
 * to e2e/artifacts/ (git-ignored).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { AppPage } from './pages/app.page';
import { ConnectionsPage } from './pages/connections.page';
import { closedPort, startApp, type RunningApp } from './support/app';
import { launchBrowser, openPage, screenshot, type TestPage } from './support/browser';
import { startBitrix24Simulator } from './simulators/bitrix24';
import { startOnecSimulator } from './simulators/onec';

const ONEC_USER = 'Администратор';
const MISSING_SET = 'Document_ЗаказПокупателя';

let browser: Browser;
const cleanups: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterEach(async () => {
  while (cleanups.length > 0) {
    const cleanup = cleanups.pop()!;
    await cleanup().catch((error: unknown) => console.error('cleanup failed:', error));
  }
});

afterAll(async () => {
  await browser?.close();
});

function later<T extends { close(): Promise<unknown> }>(resource: T): T {
  cleanups.push(() => resource.close());
  return resource;
}

interface Session {
  app: RunningApp;
  tab: TestPage;
  shell: AppPage;
  connections: ConnectionsPage;
}

/** A fresh app (own data folder) and a fresh browser tab opened on it with the token. */
async function openApp(): Promise<Session> {
  const app = later(await startApp());
  const tab = later(await openPage(browser));
  const shell = new AppPage(tab.page);
  await shell.open(app.openUrl);
  const connections = new ConnectionsPage(tab.page);
  await connections.waitLoaded();
  return { app, tab, shell, connections };
}

async function startOnec(options?: Parameters<typeof startOnecSimulator>[0]) {
  return later(await startOnecSimulator(options));
}

async function startBitrix24(options?: Parameters<typeof startBitrix24Simulator>[0]) {
  return later(await startBitrix24Simulator(options));
}

/** The same webhook with another key: the portal must refuse it. */
function withWrongSecret(webhookUrl: string): string {
  return webhookUrl.replace(/(\/rest\/\d+\/)[^/]+/, '$1wrongKey0000');
}

function webhookSecretOf(webhookUrl: string): string {
  return /\/rest\/\d+\/([^/]+)/.exec(webhookUrl)?.[1] ?? '';
}

/** The page's markup (attributes included) holds none of these strings; reports which one leaked, not the whole page. */
async function expectNotInMarkup(tab: TestPage, secrets: string[]): Promise<void> {
  const html = await tab.page.content();
  expect(secrets.filter((s) => s !== '' && html.includes(s))).toEqual([]);
}

/** Nothing the browser complained about that matters: no CSP violations, no uncaught errors. */
function expectCleanConsole(tab: TestPage): void {
  expect(tab.problems.filter((p) => /Content Security Policy|pageerror|Uncaught/i.test(p))).toEqual([]);
}

describe('Подключения (G1)', () => {
  it('без ключа в адресе просит открыть адрес с #token=…, с чужим ключом — говорит, что ключ не подошёл', async () => {
    const app = later(await startApp());
    const tab = later(await openPage(browser));
    const shell = new AppPage(tab.page);

    await tab.page.goto(app.url);
    await shell.tokenRequired.waitFor();
    expect(await shell.tokenRequired.getAttribute('data-reason')).toBe('missing');
    expect(await shell.tokenRequiredMessage.innerText()).toContain('Откройте адрес, который напечатала команда запуска (с #token=…)');
    await screenshot(tab.page, 'token-missing');

    await tab.page.goto(`${app.url}#token=${'0'.repeat(64)}`);
    await tab.page.reload();
    await shell.tokenRequired.waitFor();
    expect(await shell.tokenRequired.getAttribute('data-reason')).toBe('refused');
    expect(tab.page.url()).not.toContain('token=');
    expect(await shell.ready.count()).toBe(0);
  });

  it('успешная проверка обеих систем; сохранение; секреты не видны ни в адресе, ни на странице', async () => {
    const onec = await startOnec({ composition: 'all' });
    const b24 = await startBitrix24();
    const { app, tab, shell, connections } = await openApp();
    const page = tab.page;

    // The token left the address bar as soon as the app read it.
    expect(page.url()).not.toContain(app.token);
    expect(await shell.title.innerText()).toContain('Обмен 1С:Розница ⇄ Битрикс24');
    expect(await connections.secretStorage.getAttribute('data-kind')).toBe('file');
    expect(await connections.secretStorage.innerText()).toContain('в файле, доступном только текущему пользователю (режим без графической оболочки)');

    await connections.fillOnec({ url: onec.url, user: onec.user, password: onec.password });
    await connections.fillWebhook(b24.webhookUrl);
    expect(await page.getByTestId('b24-webhook-url-preview').innerText()).toContain('••••••');
    await connections.runCheck();

    expect(await connections.onec.statusValue()).toBe('ok');
    expect(await connections.onec.code()).toBe('OK');
    expect(await connections.onec.status.innerText()).toBe('успешно');
    expect(await connections.onec.message.innerText()).toContain('Подключение к 1С работает');
    expect(Number(await connections.onec.fact('entity-sets').innerText())).toBeGreaterThan(10);
    expect(await connections.onec.fact('missing').innerText()).toContain('все нужные наборы на месте');

    expect(await connections.bitrix24.statusValue()).toBe('ok');
    expect(await connections.bitrix24.code()).toBe('OK');
    expect(await connections.bitrix24.status.innerText()).toBe('успешно');
    expect(await connections.bitrix24.message.innerText()).toContain('Подключение к Битрикс24 работает');
    expect(await connections.bitrix24.fact('portal').innerText()).toContain(new URL(b24.webhookUrl).host);
    expect(await connections.bitrix24.fact('scopes').innerText()).toContain('crm');
    expect(await connections.bitrix24.fact('missing-scopes').innerText()).toContain('всех прав достаточно');
    expect(await page.getByTestId('check-unsaved-note').count()).toBe(1);
    await screenshot(page, 'connections-success');

    // Nothing secret in the page's markup: typed secrets live in DOM properties only, never in attributes.
    const secret = webhookSecretOf(b24.webhookUrl);
    await expectNotInMarkup(tab, [app.token, secret, onec.password]);

    await connections.save();
    expect(await connections.saveSuccess.innerText()).toContain('сохранены');

    // After a reload the token comes from this tab's storage; saved secrets show only as placeholders.
    await page.reload();
    await shell.ready.waitFor();
    await connections.waitLoaded();
    expect(await connections.onecUrl.inputValue()).toBe(onec.url);
    expect(await connections.onecPassword.inputValue()).toBe('');
    expect(await connections.onecPassword.getAttribute('placeholder')).toBe('сохранён');
    expect(await connections.onecPassword.getAttribute('data-saved')).toBe('true');
    expect(await connections.webhookUrl.inputValue()).toBe('');
    const masked = await connections.webhookUrl.getAttribute('placeholder');
    expect(masked).toContain('/rest/');
    expect(masked).toContain('••••••');
    expect(masked).not.toContain(secret);
    await expectNotInMarkup(tab, [app.token, secret, onec.password]);

    // Empty secret fields mean "use the saved ones": the check still succeeds.
    await connections.runCheck();
    expect(await connections.onec.statusValue()).toBe('ok');
    expect(await connections.bitrix24.statusValue()).toBe('ok');
    expect(await page.getByTestId('check-unsaved-note').count()).toBe(0);
    await screenshot(page, 'connections-saved');

    // «Очистить» sends null: the saved password is removed, and 1С now refuses the user.
    await connections.onecPasswordClear.click();
    expect(await connections.onecPassword.getAttribute('placeholder')).toBe('будет удалён при сохранении');
    await connections.save();
    expect(await connections.onecPassword.getAttribute('data-saved')).toBe('false');
    expect(await connections.onecPasswordClear.count()).toBe(0);
    await connections.runCheck();
    expect(await connections.onec.code()).toBe('AUTH_FAILED');
    expect(await connections.bitrix24.statusValue()).toBe('ok');
    expectCleanConsole(tab);
  });

  it('401: неверный пароль 1С и неверный ключ вебхука — понятные русские сообщения', async () => {
    const onec = await startOnec({ composition: 'all' });
    const b24 = await startBitrix24();
    const { tab, connections } = await openApp();

    await connections.fillOnec({ url: onec.url, user: onec.user, password: `${onec.password}-неверный` });
    const wrongHook = withWrongSecret(b24.webhookUrl);
    await connections.fillWebhook(wrongHook);
    await connections.runCheck();

    expect(await connections.onec.statusValue()).toBe('error');
    expect(await connections.onec.code()).toBe('AUTH_FAILED');
    expect(await connections.onec.status.innerText()).toBe('ошибка');
    expect(await connections.onec.message.innerText()).toContain(`1С не приняла пользователя «${onec.user}» или пароль`);
    expect(await connections.onec.hint.innerText()).toContain('Проверьте имя пользователя и пароль');

    expect(await connections.bitrix24.statusValue()).toBe('error');
    expect(await connections.bitrix24.code()).toBe('AUTH_FAILED');
    expect(await connections.bitrix24.message.innerText()).toContain('Портал не принял вебхук');
    expect(await connections.bitrix24.hint.innerText()).toContain('Входящий вебхук');

    await expectNotInMarkup(tab, ['wrongKey0000', `${onec.password}-неверный`]);
    await screenshot(tab.page, 'connections-401');
    expectCleanConsole(tab);
  });

  it('недоступный адрес (закрытый порт): «отказал в соединении» и что проверить', async () => {
    const { tab, connections } = await openApp();
    const port = await closedPort();

    await connections.fillOnec({ url: `http://127.0.0.1:${port}/retail/odata/standard.odata`, user: ONEC_USER, password: 'пароль' });
    await connections.fillWebhook(`http://127.0.0.1:${port}/rest/1/abcdef123456/`);
    await connections.runCheck();

    expect(await connections.onec.statusValue()).toBe('error');
    expect(await connections.onec.code()).toBe('UNREACHABLE');
    expect(await connections.onec.message.innerText()).toContain('отказал в соединении');
    expect(await connections.onec.hint.innerText()).toContain('правильный порт');

    expect(await connections.bitrix24.statusValue()).toBe('error');
    expect(await connections.bitrix24.code()).toBe('UNREACHABLE');
    expect(await connections.bitrix24.message.innerText()).toContain('Нет соединения с порталом');
    // Steps after the failed one are reported as not checked, not as fine.
    expect(await connections.bitrix24.fact('scopes').innerText()).toBe('не проверялись');
    await screenshot(tab.page, 'connections-unreachable');
    expectCleanConsole(tab);
  });

  it(`не опубликован ${MISSING_SET}: проверка называет недостающий набор`, async () => {
    const onec = await startOnec({ composition: 'all' });
    // The administrator forgot one object when setting the OData composition.
    onec.control.setComposition(onec.control.composition().filter((name) => name !== MISSING_SET));
    expect(onec.control.composition()).not.toContain(MISSING_SET);
    const b24 = await startBitrix24();
    const { tab, connections } = await openApp();

    await connections.fillOnec({ url: onec.url, user: onec.user, password: onec.password });
    await connections.fillWebhook(b24.webhookUrl);
    await connections.runCheck();

    expect(await connections.onec.statusValue()).toBe('error');
    expect(await connections.onec.code()).toBe('ENTITY_SETS_MISSING');
    expect(await connections.onec.message.innerText()).toContain('В составе OData нет объектов, нужных обмену');
    const missing = await tab.page.getByTestId('check-onec-missing-set').allInnerTexts();
    expect(missing).toContain(MISSING_SET);
    expect(await connections.onec.text()).toContain(MISSING_SET);
    expect(await connections.bitrix24.statusValue()).toBe('ok');
    await screenshot(tab.page, 'connections-missing-entity-set');
    expectCleanConsole(tab);
  });

  it('форма не отправляет заведомо неверные адреса и объясняет по-русски, что не так', async () => {
    const { tab, connections } = await openApp();
    const checks: string[] = [];
    tab.page.on('request', (request) => {
      if (request.url().includes('/api/connections.check')) checks.push(request.url());
    });

    await connections.checkButton.click();
    expect(await connections.onecUrlMessage.innerText()).toContain('Укажите адрес HTTP-интерфейса 1С (OData)');
    expect(await tab.page.getByTestId('onec-user-message').innerText()).toContain('Укажите пользователя 1С');
    expect(await connections.webhookUrlMessage.innerText()).toContain('Укажите адрес входящего вебхука');
    expect(await connections.invalid.innerText()).toContain('Исправьте отмеченные поля');

    await connections.fillOnec({ url: 'ftp://server/retail/odata/standard.odata', user: ONEC_USER });
    await connections.webhookUrl.fill('http://portal.example.com/rest/1/abcdef123456/');
    expect(await connections.onecUrlMessage.innerText()).toContain('Адрес должен начинаться с http:// или https://');
    expect(await connections.webhookUrlMessage.innerText()).toContain('должен начинаться с https://');

    await connections.webhookUrl.fill('https://portal.example.com/crm/deal/');
    expect(await connections.webhookUrlMessage.innerText()).toContain('Это не похоже на адрес входящего вебхука');
    await screenshot(tab.page, 'connections-validation');

    await connections.saveButton.click();
    expect(await connections.saveSuccess.count()).toBe(0);
    expect(await connections.report.count()).toBe(0);
    expect(checks).toEqual([]);
    expectCleanConsole(tab);
  });

  it('остальные разделы честно говорят, что пока недоступны; журнал и «О программе» работают', async () => {
    const { app, tab, shell, connections } = await openApp();
    const port = await closedPort();
    await connections.fillOnec({ url: `http://127.0.0.1:${port}/retail/odata/standard.odata`, user: ONEC_USER, password: 'пароль' });
    await connections.fillWebhook(`http://127.0.0.1:${port}/rest/1/abcdef123456/`);
    await connections.runCheck();

    const page = tab.page;
    await shell.goTo('mapping');
    await page.getByTestId('mapping-status').waitFor();
    expect(await page.getByTestId('mapping-status').getAttribute('data-available')).toBe('false');
    expect(await page.getByTestId('mapping-status').innerText()).toContain('Пока недоступно');

    await shell.goTo('exchange');
    await page.getByTestId('exchange-feature').waitFor();
    expect(await page.getByTestId('exchange-feature').getAttribute('data-available')).toBe('false');
    expect(await page.getByTestId('exchange-run').isDisabled()).toBe(true);
    expect(await page.getByTestId('exchange-last-run-none').innerText()).toContain('Обмен ещё не запускался');
    expect(await page.getByTestId('exchange-autosync').innerText()).toContain('выключен');
    await screenshot(page, 'exchange');

    await shell.goTo('conflicts');
    await page.getByTestId('conflicts-status').waitFor();
    expect(await page.getByTestId('conflicts-status').getAttribute('data-available')).toBe('false');

    await shell.goTo('logs');
    const rows = page.getByTestId('logs-row');
    await rows.first().waitFor();
    expect((await rows.allInnerTexts()).join('\n')).toContain('Проверка подключения к 1С');
    await page.getByTestId('logs-level').selectOption('error');
    await expect.poll(async () => new Set(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-level'))))).toEqual(new Set(['error']));
    await page.getByTestId('logs-search').fill('Битрикс24');
    await expect.poll(async () => (await rows.allInnerTexts()).every((text) => text.includes('Битрикс24'))).toBe(true);
    expect(await rows.count()).toBeGreaterThan(0);
    await screenshot(page, 'logs');

    await shell.goTo('about');
    await page.getByTestId('about-version').waitFor();
    expect(await page.getByTestId('about-version').innerText()).toMatch(/^\d+\.\d+\.\d+/);
    expect(await page.getByTestId('about-mode').innerText()).toContain('без графической оболочки');
    expect(await page.getByTestId('about-data-dir').innerText()).toBe(app.dataDir);
    expect(await page.getByTestId('about-secret-storage').innerText()).toContain('в файле, доступном только текущему пользователю');
    await screenshot(page, 'about');
    expectCleanConsole(tab);
  });
});
