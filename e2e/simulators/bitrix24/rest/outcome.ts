// What the REST layer hands to the HTTP layer.
import { errorBody } from '../core/envelope';
import type { RestError } from '../core/errors';

export type Outcome =
  | { kind: 'json'; status: number; body: Record<string, unknown> }
  | { kind: 'html'; status: number; html: string };

export const errorOutcome = (e: RestError): Outcome => ({ kind: 'json', status: e.status, body: errorBody(e.code, e.description) });

/**
 * ref §3.3/§0: a request (incl. a whole batch) must finish in 60 s. What the cloud answers past that is
 * Unverified; modelled as a gateway timeout with an HTML body (HTML instead of JSON under gateway errors,
 * FB #216). Work done before the cut-off stays applied.
 */
export const gatewayTimeout = (): Outcome => ({
  kind: 'html',
  status: 504,
  html: '<html>\r\n<head><title>504 Gateway Time-out</title></head>\r\n<body>\r\n<center><h1>504 Gateway Time-out</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
});
