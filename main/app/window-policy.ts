/**
 * What the window may do, kept apart from main.ts so it can be tested without Electron: IPC is answered only for the
 * top frame of our own window showing our own file, and the window never navigates, opens windows or gets permissions.
 */
export interface SenderFrameLike {
  url: string;
  /** null for the top frame of a page (Electron WebFrameMain.parent). */
  parent: unknown;
}

export interface InvokeEventLike {
  sender: unknown;
  senderFrame: SenderFrameLike | null;
}

export function isTrustedSender(event: InvokeEventLike, ourContents: unknown): boolean {
  if (ourContents === null || ourContents === undefined || event.sender !== ourContents) return false;
  const frame = event.senderFrame;
  // A subframe (even a file:// one) is not our page: only the top frame talks to the core.
  return frame !== null && frame.parent === null && frame.url.startsWith('file://');
}

interface ContentsLike {
  setWindowOpenHandler(handler: () => { action: 'deny' }): void;
  on(event: 'will-navigate' | 'will-redirect' | 'will-attach-webview', listener: (e: { preventDefault(): void }) => void): unknown;
  session: {
    setPermissionRequestHandler(handler: (wc: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
    setPermissionCheckHandler(handler: () => boolean): void;
  };
}

/** No new windows, no navigation or redirect away from the bundled page, no <webview>, no permission prompts. */
export function lockDownContents(contents: ContentsLike): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview'] as const) {
    contents.on(event, (e) => e.preventDefault());
  }
  contents.session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  contents.session.setPermissionCheckHandler(() => false);
}
