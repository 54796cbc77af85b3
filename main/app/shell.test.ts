/**
 * The Electron shell cannot run here (no Electron binary), so its two contracts are tested by bundling it exactly as
 * the build does and running the bundles against a fake `electron` module:
 *  - the preload exposes exactly the typed API as window.api (and nothing like ipcRenderer or a generic invoke);
 *  - the main bundle builds without Node-only constructs the CJS bundle cannot carry (import.meta).
 */
import path from 'node:path';
import vm from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { listMethods } from '../../shared/api';

const root = path.resolve(__dirname, '../..');

async function bundle(entry: string): Promise<string> {
  const out = await build({ entryPoints: [path.join(root, entry)], bundle: true, platform: 'node', format: 'cjs', target: 'node22', write: false, external: ['electron', 'better-sqlite3'], logLevel: 'silent' });
  return out.outputFiles[0].text;
}

describe('Electron preload', () => {
  it('exposes exactly the API contract as window.api, each method invoking its own channel', async () => {
    const code = await bundle('main/app/preload.ts');
    let exposedName = '';
    let exposed: Record<string, Record<string, (...a: unknown[]) => Promise<unknown>>> & { on?: unknown } = {};
    const invoked: Array<{ channel: string; args: unknown[] }> = [];
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (name: string, value: typeof exposed) => { exposedName = name; exposed = value; } },
      ipcRenderer: {
        invoke: async (channel: string, ...args: unknown[]) => { invoked.push({ channel, args }); return { ok: true, value: null }; },
        on: () => undefined,
        removeListener: () => undefined,
      },
    };
    const module = { exports: {} };
    const sandboxRequire = (id: string) => {
      if (id === 'electron') return fakeElectron;
      throw new Error(`preload must not require ${id}`);
    };
    vm.runInNewContext(code, { module, exports: module.exports, require: sandboxRequire, console });

    expect(exposedName).toBe('api');
    const methods = listMethods();
    const services = [...new Set(methods.map((m) => m.service))];
    expect(Object.keys(exposed).sort()).toEqual([...services, 'on'].sort());
    for (const s of services) {
      expect(Object.keys(exposed[s]).sort()).toEqual(methods.filter((m) => m.service === s).map((m) => m.method).sort());
    }
    await exposed.connections.check({ target: 'onec' });
    expect(invoked).toEqual([{ channel: 'api:connections.check', args: [{ target: 'onec' }] }]);
    expect(typeof exposed.on).toBe('function');
  });
});

describe('Electron main bundle', () => {
  it('builds as CommonJS without import.meta', async () => {
    const code = await bundle('main/app/main.ts');
    expect(code.length).toBeGreaterThan(1000);
    expect(code).not.toContain('import.meta');
  });
});
