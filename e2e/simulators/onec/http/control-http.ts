import type { OnecControl } from '../control/control';
import type { FaultSpec } from '../control/faults';
import { ODataError } from '../errors';
import type { SeedKind } from '../seed';
import { jsonReply, type Reply } from './format';
import { decode } from './url';

// HTTP face of the control API, under /_sim/ (no auth; the server listens on loopback):
//   GET    /_sim/health                    GET  /_sim/refs
//   POST   /_sim/reset {seed?}             GET  /_sim/objects/<set>[/<key>]
//   POST   /_sim/objects/<set> {body}      PATCH /_sim/objects/<set>/<key> {changes}  ("a person edits in 1С")
//   DELETE /_sim/objects/<set>/<key>       POST /_sim/post/<set>/<key>, /_sim/unpost/<set>/<key>
//   GET|PUT /_sim/composition {sets}       GET|DELETE /_sim/stats
//   GET|POST|DELETE /_sim/faults {spec}    PUT /_sim/auth-failure-mode {mode}   PUT /_sim/quirks {…}
//   GET /_sim/hidden-fields   PUT /_sim/hidden-fields {set, fields}   DELETE /_sim/hidden-fields

type Json = Record<string, unknown>;

function body(raw: Buffer): Json {
  const text = raw.toString('utf8').trim();
  if (!text) return {};
  const v: unknown = JSON.parse(text);
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {};
}

function dispatch(ctl: OnecControl, method: string, parts: string[], raw: Buffer): unknown {
  const [area, set, key] = parts;
  const b = () => body(raw);
  switch (`${method} ${area}`) {
    case 'GET health':
      return { ok: true };
    case 'GET refs':
      return ctl.refs;
    case 'POST reset':
      ctl.reset(b().seed as SeedKind | undefined);
      return { ok: true };
    case 'GET objects':
      return key ? (ctl.get(set, key) ?? null) : ctl.list(set);
    case 'POST objects':
      return ctl.create(set, b());
    case 'PATCH objects':
      return ctl.edit(set, key, b());
    case 'DELETE objects':
      ctl.remove(set, key);
      return { ok: true };
    case 'POST post':
      return ctl.post(set, key);
    case 'POST unpost':
      return ctl.unpost(set, key);
    case 'GET composition':
      return ctl.composition();
    case 'PUT composition':
      ctl.setComposition((b().sets as string[] | 'all' | undefined) ?? 'all');
      return ctl.composition();
    case 'GET stats':
      return ctl.stats();
    case 'DELETE stats':
      ctl.resetStats();
      return { ok: true };
    case 'GET faults':
      return ctl.faults();
    case 'POST faults':
      return { id: ctl.injectFault(b() as unknown as FaultSpec) };
    case 'DELETE faults':
      ctl.clearFaults();
      return { ok: true };
    case 'PUT auth-failure-mode':
      ctl.setAuthFailureMode(b().mode === 'html200' ? 'html200' : 'http401');
      return { ok: true };
    case 'GET hidden-fields':
      return ctl.hiddenFields();
    case 'PUT hidden-fields':
      ctl.hideFields(String(b().set), (b().fields as string[] | undefined) ?? []);
      return ctl.hiddenFields();
    case 'DELETE hidden-fields':
      ctl.showAllFields();
      return { ok: true };
    case 'PUT quirks':
      ctl.setQuirks(b());
      return { ok: true };
    default:
      return undefined;
  }
}

export function handleControl(ctl: OnecControl, method: string, rawPath: string, raw: Buffer): Reply {
  const parts = rawPath.replace(/^\/_sim\/?/, '').split('/').filter(Boolean).map(decode);
  try {
    const result = dispatch(ctl, method, parts, raw);
    if (result === undefined) return jsonReply(404, { error: `No control route ${method} /_sim/${parts.join('/')}` });
    return jsonReply(200, result);
  } catch (e) {
    const status = e instanceof ODataError ? e.status : 400;
    return jsonReply(status, { error: e instanceof Error ? e.message : String(e) });
  }
}
