// crm.duplicate.findbycomm (ref §4.4): {type: PHONE|EMAIL, values: [≤ 20], entity_type?} → {CONTACT: [ids], …};
// phones compare by digits (leading 8 ≡ 7 for RU numbers), extensions ignored; when one entity type has
// ≥ 20 hits the following types are omitted. Leads are not modelled (never returned).
import { RestError } from '../core/errors';
import { asList, param, toStr } from '../core/params';
import type { CrmKind, MultifieldType } from '../state/types';
import { def, type MethodDef } from './types';

export function normalisePhone(v: string): string {
  const main = v.split(/(?:доб|ext|#|,)/i)[0];
  let d = main.replace(/\D/g, '');
  if (d.length === 11 && d.startsWith('8')) d = `7${d.slice(1)}`;
  return d;
}

const norm = (type: MultifieldType, v: string): string => (type === 'PHONE' ? normalisePhone(v) : v.trim().toLowerCase());

export const crmDuplicateMethods: MethodDef[] = [
  def('crm.duplicate.findbycomm', 'crm', (ctx, params) => {
    const type = String(param(params, 'type') ?? '').toUpperCase();
    if (type !== 'PHONE' && type !== 'EMAIL') throw new RestError(400, '', 'Communication type is not defined or invalid.');
    const values = asList(param(params, 'values')).map(toStr).filter((v): v is string => !!v);
    if (values.length > 20) throw new RestError(400, '', 'Too many values. Maximum is 20.');
    const wanted = new Set(values.map((v) => norm(type, v)).filter(Boolean));
    const only = toStr(param(params, 'entity_type'))?.toUpperCase();
    const result: Record<string, number[]> = {};
    for (const [label, kind] of [['CONTACT', 'contact'], ['COMPANY', 'company']] as [string, CrmKind][]) {
      if (only && only !== label) continue;
      const ids = [...ctx.state.crmTable(kind).values()].filter((r) => r.fm.some((m) => m.TYPE_ID === type && wanted.has(norm(type, m.VALUE)))).map((r) => r.ID);
      if (ids.length > 0) result[label] = ids;
      if (ids.length >= 20) break;
    }
    return { result: Object.keys(result).length === 0 ? [] : result };
  }),
];
