import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from './index';
import { FileSecretStore } from './secret-store';

describe('composition root', () => {
  it('redacts saved secrets in log lines written before any connection was viewed or checked', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'core-'));
    const stored = new FileSecretStore(dataDir);
    stored.set('onec.password', 'сохранённый-пароль');
    stored.set('bitrix24.webhookUrl', 'https://shop.bitrix24.ru/rest/7/hookkey777/');
    stored.set('bitrix24.clientSecret', 'client-secret-xyz');
    const core = createCore({ dataDir, mode: 'headless', env: { ONEC_USER: 'admin', ONEC_PASSWORD: 'env-pass-4321' } });
    const basic = Buffer.from('admin:env-pass-4321').toString('base64');
    try {
      core.log.error(`Ответ: сохранённый-пароль, client-secret-xyz, env-pass-4321, ключ hookkey777 на Shop.Bitrix24.ru, {"headers":{"x":"Basic ${basic}"}}`);
      const entries = await core.api.logs.list({ limit: 10 });
      const text = JSON.stringify(entries);
      for (const secret of ['сохранённый-пароль', 'client-secret-xyz', 'env-pass-4321', 'hookkey777', basic]) expect(text).not.toContain(secret);
    } finally {
      core.close();
    }
  });
});
