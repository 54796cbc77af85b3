import { describe, expect, it } from 'vitest';
import { isTrustedSender, lockDownContents } from './window-policy';

describe('window policy', () => {
  const ours = { id: 1 };
  const top = { url: 'file:///opt/app/renderer/index.html#/connections', parent: null };

  it('answers IPC only from the top frame of our window showing a bundled file', () => {
    expect(isTrustedSender({ sender: ours, senderFrame: top }, ours)).toBe(true);
    expect(isTrustedSender({ sender: { id: 2 }, senderFrame: top }, ours)).toBe(false);
    expect(isTrustedSender({ sender: ours, senderFrame: top }, null)).toBe(false);
    expect(isTrustedSender({ sender: ours, senderFrame: null }, ours)).toBe(false);
    expect(isTrustedSender({ sender: ours, senderFrame: { url: 'https://evil.example/', parent: null } }, ours)).toBe(false);
    // An iframe inside our page, even one showing a local file, is not our page.
    expect(isTrustedSender({ sender: ours, senderFrame: { url: 'file:///tmp/x.html', parent: top } }, ours)).toBe(false);
  });

  it('denies new windows, navigation, redirects, webviews and permissions', () => {
    const listeners = new Map<string, (e: { preventDefault(): void }) => void>();
    let openHandler: (() => { action: string }) | null = null;
    let request: ((wc: unknown, p: string, cb: (g: boolean) => void) => void) | null = null;
    let check: (() => boolean) | null = null;
    lockDownContents({
      setWindowOpenHandler: (h) => { openHandler = h; },
      on: (event, listener) => listeners.set(event, listener),
      session: {
        setPermissionRequestHandler: (h) => { request = h; },
        setPermissionCheckHandler: (h) => { check = h; },
      },
    });
    expect(openHandler!()).toEqual({ action: 'deny' });
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false;
      listeners.get(event)!({ preventDefault: () => { prevented = true; } });
      expect(prevented, event).toBe(true);
    }
    let granted: boolean | null = null;
    request!(null, 'media', (g) => { granted = g; });
    expect(granted).toBe(false);
    expect(check!()).toBe(false);
  });
});
