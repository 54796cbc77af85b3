// Public entry: start a simulated Bitrix24 cloud portal on loopback.
import { createControl, type SimControl } from './control/control';
import { describe } from './describe';
import { SimHttpServer } from './http/server';
import { selfSignedCert } from './http/tls';
import type { Bitrix24SimOptions } from './options';
import { Portal } from './runtime/portal';
import type { PortalState } from './state/store';

export type { Bitrix24SimOptions, BatchBilling, Plan, SeedKind } from './options';
export type { SimControl, PortalUrls, LimitsSnapshot } from './control/control';
export type { FaultSpec, FaultKind, ActiveFault } from './faults/faults';
export type { EntityName } from './control/records';
export type { PersonEdit } from './control/person';
export { describe };

export interface Bitrix24Sim {
  /** origin of the portal, e.g. http://127.0.0.1:PORT (changes after control.renamePortal) */
  readonly url: string;
  /** incoming webhook of the integration admin user: http://127.0.0.1:PORT/rest/1/<secret>/ */
  readonly webhookUrl: string;
  readonly port: number;
  /** the live in-memory data (read it, don't write it — use control.personEdit for "portal-side" edits) */
  readonly state: PortalState;
  readonly control: SimControl;
  /** OAuth local-app credentials accepted by /oauth/token/ */
  readonly oauth: { clientId: string; clientSecret: string; tokenUrl: string };
  close(): Promise<void>;
}

export async function startBitrix24Simulator(opts: Bitrix24SimOptions = {}): Promise<Bitrix24Sim> {
  const portal = new Portal(opts);
  const tls = portal.config.https ? await selfSignedCert(portal.config.host) : null;
  const server = new SimHttpServer(portal, portal.config.host, tls, describe());
  await server.listen(opts.port ?? 0);
  const urls = () => ({ url: server.origin(), webhookUrl: `${server.origin()}/rest/${portal.config.webhookUserId}/${portal.config.webhookSecret}/` });
  const control = createControl(portal, { rename: async () => void (await server.listen(0)), urls });
  server.control = control;
  control.reset(opts.seed ?? 'none');
  return {
    get url() {
      return urls().url;
    },
    get webhookUrl() {
      return urls().webhookUrl;
    },
    get port() {
      return server.primaryPort;
    },
    state: portal.state,
    control,
    get oauth() {
      return { clientId: portal.oauth.clientId, clientSecret: portal.oauth.clientSecret, tokenUrl: `${server.origin()}/oauth/token/` };
    },
    close: () => server.close(),
  };
}
