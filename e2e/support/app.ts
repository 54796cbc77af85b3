/** The app under test: the real headless server on a fresh data folder, with no environment overrides. */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startHeadless } from '../../main/server';

export interface RunningApp {
  url: string;
  token: string;
  openUrl: string;
  dataDir: string;
  close(): Promise<void>;
}

export async function startApp(): Promise<RunningApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onec-b24-e2e-'));
  const server = await startHeadless({ dataDir, port: 0, env: {} });
  return {
    url: server.url,
    token: server.token,
    openUrl: server.openUrl,
    dataDir,
    close: async () => {
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A local port nobody listens on: bind to port 0, note the port, close. */
export async function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
