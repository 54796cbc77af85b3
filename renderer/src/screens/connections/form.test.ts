import { describe, expect, it } from 'vitest';
import type { ConnectionsView } from '../../../../shared/api';
import { draftFromView, draftToInput, isDirty, overrideLabel, overrideOf, validate } from './form';

const view = (over: Partial<ConnectionsView> = {}): ConnectionsView => ({
  onec: { url: '', user: '', timeZone: 'Europe/Moscow', password: { set: false, masked: '' } },
  bitrix24: {
    authMode: 'webhook', portalUrl: '', webhookUrl: { set: false, masked: '' }, clientId: '',
    clientSecret: { set: false, masked: '' }, refreshToken: { set: false, masked: '' },
  },
  secretStorage: 'file',
  overriddenByEnv: [],
  ...over,
});

describe('connections form', () => {
  it('secrets: empty keeps the saved one, «Очистить» sends null, typed text replaces', () => {
    const d = draftFromView(view());
    expect(draftToInput(d).onec.password).toBeUndefined();
    d.onec.password = { value: ' new ', clear: false };
    expect(draftToInput(d).onec.password).toBe('new');
    d.onec.password = { value: '', clear: true };
    expect(draftToInput(d).onec.password).toBeNull();
    expect(isDirty(d, view())).toBe(true);
    expect(isDirty(draftFromView(view()), view())).toBe(false);
  });

  it('validates addresses in Russian before anything is sent', () => {
    const d = draftFromView(view());
    expect(validate(d, view(), 'check')['onec.url']).toMatch(/Укажите адрес/);
    d.onec.url = 'ftp://srv/retail';
    d.onec.user = 'odata';
    d.bitrix24.webhookUrl = { value: 'http://shop.bitrix24.ru/rest/1/abc/', clear: false };
    const errors = validate(d, view(), 'check');
    expect(errors['onec.url']).toMatch(/http:\/\/ или https:\/\//);
    expect(errors['bitrix24.webhookUrl']).toMatch(/https:\/\//);
    d.onec.url = 'http://srv/retail/odata/standard.odata';
    d.bitrix24.webhookUrl = { value: 'https://shop.bitrix24.ru/crm/', clear: false };
    expect(validate(d, view(), 'check')['bitrix24.webhookUrl']).toMatch(/не похоже на адрес входящего вебхука/);
    d.bitrix24.webhookUrl = { value: 'https://shop.bitrix24.ru/rest/1/abc/', clear: false };
    expect(validate(d, view(), 'check')).toEqual({});
  });

  it('names the environment variable that forces a field; the webhook variable also locks the mode', () => {
    const v = view({ overriddenByEnv: ['onec.url', 'bitrix24.webhookUrl'] });
    expect(overrideOf(v, 'onec.url')).toBe('ONEC_ODATA_URL');
    expect(overrideOf(v, 'onec.user')).toBeNull();
    expect(overrideOf(v, 'bitrix24.authMode')).toBe('B24_WEBHOOK_URL');
    expect(overrideLabel('onec.url')).toBe('адрес 1С (ONEC_ODATA_URL)');
    // A forced field is not validated (the form cannot change it).
    expect(validate(draftFromView(v), v, 'check')['onec.url']).toBeUndefined();
  });
});
