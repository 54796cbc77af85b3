/**
 * OData URL syntax for 1С (ref §1.2, §1.5, §1.11): literals, percent-encoding of Cyrillic names (UTF-8,
 * spaces as %20, never '+'), and query strings with `$format=json`, `$select` and `$top` always present.
 */
import { isGuid } from './convert';
import { OnecMappingError } from './errors';

/** `guid'…'` literal; refuses anything that is not a GUID (a bad GUID in a URL is a 400 or, worse, a miss). */
export function guidLiteral(id: string): string {
  if (!isGuid(id)) throw new OnecMappingError(`Некорректный идентификатор объекта 1С: «${id}».`);
  return `guid'${id.toLowerCase()}'`;
}

/** String literal with quotes doubled (ref §1.5). */
export function stringLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** `datetime'…'` from a naive 1С wall-clock value. */
export function datetimeLiteral(naive: string): string {
  return `datetime'${naive}'`;
}

/** Composite-field comparison needs cast (ref §1.5): plain `eq guid'…'` always returns nothing. */
export function castLiteral(id: string, entitySet: string): string {
  return `cast(${guidLiteral(id)}, ${stringLiteral(entitySet)})`;
}

/**
 * One path segment (entity set, key, function arguments), UTF-8 percent-encoded. Parentheses, quotes and the
 * key/argument separators `=`, `,`, `:` stay literal; `+`, `?`, `\\`, `/` and spaces are escaped (ref §1.11).
 */
export function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/%3D/g, '=').replace(/%2C/g, ',').replace(/%3A/g, ':');
}

/** `Catalog_X(guid'…')` encoded. */
export function entityPath(entitySet: string, id?: string): string {
  const set = encodeSegment(entitySet);
  return id === undefined ? set : `${set}(${encodeSegment(guidLiteral(id))})`;
}

export interface QueryOptions {
  select: readonly string[];
  filter?: string;
  orderby?: string;
  top?: number;
  skip?: number;
  expand?: readonly string[];
}

/** Builds `?$format=json&$select=…&$filter=…&$orderby=…&$top=…&$skip=…` — every value percent-encoded. */
export function buildQuery(options: QueryOptions | null, extra: Record<string, string> = {}): string {
  const params: [string, string][] = [['$format', 'json']];
  if (options) {
    if (options.select.length === 0) throw new OnecMappingError('Внутренняя ошибка: запрос к 1С без $select.');
    const select = [...options.select];
    // 1С silently ignores `$expand` of a navigation property that is not also in `$select` (ref §1.5).
    for (const path of options.expand ?? []) {
      const nav = path.split('/')[0];
      if (!select.some((f) => f === '*' || f === nav || f.startsWith(`${nav}/`))) select.push(nav);
    }
    params.push(['$select', select.join(',')]);
    if (options.expand && options.expand.length > 0) params.push(['$expand', options.expand.join(',')]);
    if (options.filter) params.push(['$filter', options.filter]);
    if (options.orderby) params.push(['$orderby', options.orderby]);
    if (options.top !== undefined) params.push(['$top', String(options.top)]);
    if (options.skip) params.push(['$skip', String(options.skip)]);
  }
  for (const [k, v] of Object.entries(extra)) params.push([k, v]);
  return '?' + params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
}

/** `Ref_Key eq guid'a' or Ref_Key eq guid'b' …` for fetching a batch by keys. */
export function keysFilter(keyField: string, ids: readonly string[]): string {
  return ids.map((id) => `${keyField} eq ${guidLiteral(id)}`).join(' or ');
}
