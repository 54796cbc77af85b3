// HTTP face of the control API: POST /_sim/<operation> with a JSON body of named arguments; GET works for
// argument-less operations. GET /_sim/ returns the describe() text.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { RestError } from '../core/errors';
import type { SimControl } from '../control/control';
import { ENTITY_NAMES, type EntityName } from '../control/records';
import { parseParams, readBody } from './body';
import { sendJson } from './send';

const entity = z.enum(ENTITY_NAMES as [EntityName, ...EntityName[]]);
const crmKind = z.enum(['contact', 'company', 'deal']);
const fields = z.record(z.string(), z.unknown());
const fault = z.object({
  kind: z.enum(['http500', 'http503', 'error', 'html', 'hang', 'reset', 'lostResponse']),
  method: z.string().optional(), probability: z.number().min(0).max(1).optional(), times: z.number().int().positive().optional(),
  phase: z.enum(['before', 'after']).optional(), hangMs: z.number().nonnegative().optional(), status: z.number().int().optional(),
  code: z.string().optional(), description: z.string().optional(),
});

type Op = (c: SimControl, a: Record<string, unknown>) => unknown;

const ops: Record<string, Op> = {
  seed: (c, a) => c.seed(z.enum(['none', 'small', 'large']).parse(a.kind)),
  reset: (c, a) => c.reset(z.enum(['none', 'small', 'large']).optional().parse(a.seed)),
  counts: (c) => c.counts(),
  records: (c, a) => c.records(entity.parse(a.entity)),
  record: (c, a) => c.record(entity.parse(a.entity), z.coerce.number().parse(a.id)) ?? null,
  calls: (c) => c.calls(),
  resetCalls: (c) => c.resetCalls(),
  limits: (c) => c.limits(),
  resetLimits: (c) => c.resetLimits(),
  setScopes: (c, a) => c.setScopes(z.array(z.string()).parse(a.scopes)),
  setPlan: (c, a) => c.setPlan(z.enum(['professional', 'enterprise']).parse(a.plan)),
  setCosts: (c, a) => c.setCosts(z.union([z.number(), z.record(z.string(), z.number())]).parse(a.costs)),
  setTimeScale: (c, a) => c.setTimeScale(z.number().positive().parse(a.scale)),
  setBatchBilling: (c, a) => c.setBatchBilling(z.enum(['submethods', 'batch']).parse(a.mode)),
  setOperatingLimit: (c, a) => c.setOperatingLimit(z.number().positive().parse(a.sec)),
  setRestAvailable: (c, a) => c.setRestAvailable(z.boolean().parse(a.available)),
  setNotFoundStyle: (c, a) => c.setNotFoundStyle(z.enum(['documented', 'NOT_FOUND']).parse(a.style)),
  setRowChangesBumpDeal: (c, a) => c.setRowChangesBumpDeal(z.boolean().parse(a.bump)),
  renamePortal: (c) => c.renamePortal(),
  revokeWebhook: (c) => c.revokeWebhook(),
  regenerateWebhook: (c) => c.regenerateWebhook(),
  personEdit: (c, a) => c.personEdit(z.object({ entity: z.enum(['contact', 'company', 'deal', 'product']), id: z.number().int(), fields, userId: z.number().int().optional() }).parse(a)),
  personCreate: (c, a) => c.personCreate(z.object({ entity: crmKind, fields, userId: z.number().int().optional() }).parse(a)),
  personDelete: (c, a) => c.personDelete(z.object({ entity: crmKind, id: z.number().int(), userId: z.number().int().optional() }).parse(a)),
  injectFault: (c, a) => c.injectFault(fault.parse(a)),
  removeFault: (c, a) => c.removeFault(z.number().int().parse(a.id)),
  clearFaults: (c) => c.clearFaults(),
  faults: (c) => c.faults(),
  issueOAuthTokens: (c, a) => c.issueOAuthTokens(z.number().int().optional().parse(a.userId)),
  expireAccessTokens: (c) => c.expireAccessTokens(),
};

export async function handleControl(control: SimControl, describeText: string, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const name = url.pathname.replace(/^\/_sim\/?/, '').replace(/\/$/, '');
  const args = parseParams(url.search, req.headers['content-type'], await readBody(req));
  if (name === '') {
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(describeText);
    return;
  }
  const op = ops[name];
  if (!op) {
    sendJson(res, 404, { error: 'UNKNOWN_OPERATION', operations: Object.keys(ops) });
    return;
  }
  try {
    sendJson(res, 200, { result: (await op(control, args)) ?? null });
  } catch (e) {
    const message = e instanceof z.ZodError ? e.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : e instanceof RestError ? e.description : String(e);
    sendJson(res, 400, { error: 'BAD_CONTROL_CALL', error_description: message });
  }
}

export const CONTROL_OPERATIONS = Object.keys(ops);
