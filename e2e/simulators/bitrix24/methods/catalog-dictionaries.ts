// catalog.catalog.list, catalog.priceType.list, catalog.measure.list, catalog.vat.list (ref §6).
import { param } from '../core/params';
import { compileFilter, type FieldResolver } from '../query/filter';
import { catalogs, measures, priceTypes, vats } from '../state/dictionaries';
import { def, type MethodDef } from './types';

type Row = Record<string, unknown>;
const anyField: FieldResolver<Row> = (name) => ({ kind: typeof name === 'string' && /id$/i.test(name) ? 'number' : 'string', get: (r) => r[name] });

function listOf(key: string, rows: Row[]): MethodDef['handler'] {
  return (ctx, params) => {
    const test = compileFilter(param(params, 'filter'), anyField, { allowLogic: false, offset: ctx.config.timezone });
    const list = rows.filter(test);
    return { result: { [key]: list }, total: list.length };
  };
}

export const catalogDictionaryMethods: MethodDef[] = [
  def('catalog.catalog.list', 'catalog', listOf('catalogs', catalogs)),
  def('catalog.priceType.list', 'catalog', listOf('priceTypes', priceTypes)),
  def('catalog.measure.list', 'catalog', listOf('measures', measures)),
  def('catalog.vat.list', 'catalog', listOf('vats', vats)),
];
