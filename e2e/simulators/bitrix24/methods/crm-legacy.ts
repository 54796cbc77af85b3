// Deprecated but working crm.contact.* / crm.company.* / crm.deal.* (ref §0, §4.1, §5, §7): ids as numbers on
// add, `true` on update/delete, UPPER_CASE string values, bare arrays for lists.
import { legacyNotFound, RestError } from '../core/errors';
import { asList, optionalRecord, param, startParam, toInt, type Params } from '../core/params';
import { describeFields } from '../crm/fields-output';
import { formatLegacy, parseLegacySelect } from '../crm/format';
import { queryRecords } from '../crm/list';
import { legacyOps, type FmOp } from '../crm/multifields';
import { createRecord, deleteRecord, findRecord, updateRecord, type CrmInput } from '../crm/records';
import { legacyResolver } from '../crm/resolvers';
import { hasMultifields, MULTIFIELD_NAMES } from '../crm/fields';
import { page, pagedOutput } from '../query/paging';
import type { CrmKind, CrmRecord, MultifieldType } from '../state/types';
import { def, type Ctx, type MethodDef } from './types';
import { userFieldMethods } from './crm-userfields';

export function legacyInput(kind: CrmKind, fields: Record<string, unknown>): CrmInput {
  const out: Record<string, unknown> = {};
  const fmOps: FmOp[] = [];
  for (const [k, v] of Object.entries(fields)) {
    if ((MULTIFIELD_NAMES as readonly string[]).includes(k)) {
      if (hasMultifields(kind)) fmOps.push(...legacyOps(k as MultifieldType, v));
    } else out[k] = v;
  }
  return { fields: out, fmOps };
}

function legacyId(p: Params): number {
  const id = toInt(param(p, 'id'));
  if (id === null || id <= 0) throw new RestError(400, '', 'ID is not defined or invalid.');
  return id;
}

function mustFind(ctx: Ctx, kind: CrmKind, id: number): CrmRecord {
  const rec = findRecord(ctx, kind, id);
  if (!rec) throw legacyNotFound(ctx.config.notFoundStyle);
  return rec;
}

function entityMethods(kind: CrmKind): MethodDef[] {
  const p = `crm.${kind}`;
  return [
    def(`${p}.add`, 'crm', (ctx, params) => {
      const rec = createRecord(ctx, kind, legacyInput(kind, optionalRecord(params, 'fields')), 'legacy');
      return { result: rec.ID };
    }),
    def(`${p}.update`, 'crm', (ctx, params) => {
      const rec = mustFind(ctx, kind, legacyId(params));
      updateRecord(ctx, kind, rec, legacyInput(kind, optionalRecord(params, 'fields')), 'legacy');
      return { result: true };
    }),
    def(`${p}.get`, 'crm', (ctx, params) => {
      const rec = mustFind(ctx, kind, legacyId(params));
      return { result: formatLegacy(ctx.state, kind, rec, ctx.config.timezone, null) };
    }),
    def(`${p}.list`, 'crm', (ctx, params) => {
      const rows = queryRecords(ctx, kind, param(params, 'filter'), param(params, 'order'), legacyResolver(ctx.state, kind), false);
      const select = parseLegacySelect(asList(param(params, 'select')));
      const pg = page(rows, startParam(params));
      return pagedOutput(pg, (list) => list.map((r) => formatLegacy(ctx.state, kind, r, ctx.config.timezone, select)));
    }),
    def(`${p}.delete`, 'crm', (ctx, params) => {
      const id = legacyId(params);
      mustFind(ctx, kind, id);
      deleteRecord(ctx, kind, id);
      return { result: true };
    }),
    def(`${p}.fields`, 'crm', (ctx) => ({ result: describeFields(ctx.state, kind, false) })),
    ...userFieldMethods(kind),
  ];
}

export const crmLegacyMethods: MethodDef[] = (['contact', 'company', 'deal'] as CrmKind[]).flatMap(entityMethods);

