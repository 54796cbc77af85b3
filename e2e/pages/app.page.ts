/** The app shell: open with the token, wait for the app-ready marker, navigate. */
import type { Locator, Page } from 'playwright-core';

export type ScreenId = 'connections' | 'mapping' | 'exchange' | 'conflicts' | 'logs' | 'about';

export const NAV_TITLES: Record<ScreenId, string> = {
  connections: 'Подключения',
  mapping: 'Сопоставление',
  exchange: 'Обмен',
  conflicts: 'Конфликты',
  logs: 'Журнал',
  about: 'О программе',
};

export class AppPage {
  readonly ready: Locator;
  readonly tokenRequired: Locator;
  readonly tokenRequiredMessage: Locator;
  readonly title: Locator;

  constructor(readonly page: Page) {
    this.ready = page.getByTestId('app-ready');
    this.tokenRequired = page.getByTestId('token-required');
    this.tokenRequiredMessage = page.getByTestId('token-required-message');
    this.title = page.getByTestId('app-title');
  }

  /** Opens the address and waits until the first API call has succeeded. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.ready.waitFor();
  }

  nav(screen: ScreenId): Locator {
    return this.page.getByTestId(`nav-${screen}`);
  }

  screen(screen: ScreenId): Locator {
    return this.page.getByTestId(`screen-${screen}`);
  }

  async goTo(screen: ScreenId): Promise<Locator> {
    await this.nav(screen).click();
    const root = this.screen(screen);
    await root.waitFor();
    return root;
  }
}
