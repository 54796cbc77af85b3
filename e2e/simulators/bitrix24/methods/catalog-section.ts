// catalog.section.add|update|get|list|delete (ref §6): iblockId, name, iblockSectionId, xmlId, code.
import { formatIso } from '../core/dates';
import { RestError } from '../core/errors';
import { isYes, optionalRecord, param, requireInt, startParam, toInt, toStr } from '../core/params';
import { compileFilter, type FieldResolver } from '../query/filter';
import { compileOrder } from '../query/order';
import { page, pagedOutput } from '../query/paging';
import type { CatalogSection } from '../state/types';
import { def, stampNow, type Ctx, type MethodDef } from './types';

const EMPTY: CatalogSection = { id: 0, iblockId: 0, iblockSectionId: null, name: '', xmlId: null, code: null, sort: 500, active: 'Y', description: null, timestampX: 0 };
const NUM = ['id', 'iblockId', 'iblockSectionId', 'sort'];
const resolver: FieldResolver<CatalogSection> = (name) =>
  name in EMPTY ? { kind: NUM.includes(name) ? 'number' : name === 'timestampX' ? 'datetime' : 'string', get: (s) => s[name as keyof CatalogSection] } : undefined;

const out = (s: CatalogSection, tz: string): Record<string, unknown> => ({ ...s, timestampX: formatIso(s.timestampX, tz) });

function apply(ctx: Ctx, s: CatalogSection, f: Record<string, unknown>): void {
  if (f.iblockId !== undefined) s.iblockId = toInt(f.iblockId) ?? s.iblockId;
  if (f.name !== undefined) s.name = toStr(f.name) ?? s.name;
  if (f.iblockSectionId !== undefined) s.iblockSectionId = toInt(f.iblockSectionId) || null;
  if (f.xmlId !== undefined) s.xmlId = toStr(f.xmlId);
  if (f.code !== undefined) s.code = toStr(f.code);
  if (f.sort !== undefined) s.sort = toInt(f.sort) ?? 500;
  if (f.active !== undefined) s.active = isYes(f.active) ? 'Y' : 'N';
  if (f.description !== undefined) s.description = toStr(f.description);
  s.timestampX = stampNow(ctx);
}

function mustFind(ctx: Ctx, id: number): CatalogSection {
  const s = ctx.state.sections.get(id);
  if (!s) throw new RestError(400, ctx.config.notFoundStyle === 'NOT_FOUND' ? 'NOT_FOUND' : '', 'section does not exist.');
  return s;
}

export const catalogSectionMethods: MethodDef[] = [
  def('catalog.section.add', 'catalog', (ctx, params) => {
    const f = optionalRecord(params, 'fields');
    if (toInt(f.iblockId) === null || !toStr(f.name)) throw new RestError(400, 0, 'Required fields: iblockId, name');
    const s: CatalogSection = { ...EMPTY };
    apply(ctx, s, f);
    s.id = ctx.state.nextId('section');
    ctx.state.sections.set(s.id, s);
    return { result: { section: out(s, ctx.config.timezone) } };
  }),
  def('catalog.section.update', 'catalog', (ctx, params) => {
    const s = mustFind(ctx, requireInt(params, 'id'));
    apply(ctx, s, optionalRecord(params, 'fields'));
    return { result: { section: out(s, ctx.config.timezone) } };
  }),
  def('catalog.section.get', 'catalog', (ctx, params) => ({ result: { section: out(mustFind(ctx, requireInt(params, 'id')), ctx.config.timezone) } })),
  def('catalog.section.delete', 'catalog', (ctx, params) => {
    ctx.state.sections.delete(mustFind(ctx, requireInt(params, 'id')).id);
    return { result: true };
  }),
  def('catalog.section.list', 'catalog', (ctx, params) => {
    const test = compileFilter(param(params, 'filter'), resolver, { allowLogic: false, offset: ctx.config.timezone });
    const rows = [...ctx.state.sections.values()].filter(test).sort(compileOrder(param(params, 'order'), resolver, (s) => s.id));
    return pagedOutput(page(rows, startParam(params)), (list) => ({ sections: list.map((s) => out(s, ctx.config.timezone)) }));
  }),
];
