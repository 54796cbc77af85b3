import type { Publication } from '../model/publication';
import type { SetDef } from '../model/schema';
import type { Infobase } from '../store/infobase';
import { errors } from '../errors';
import type { Row } from '../edm/values';
import { compileFilter, UnknownFieldError } from './compile';
import { sortRows } from './order';
import { parseFilter, parseOrderBy, SyntaxError1C } from './parser';
import { parseExpand, parseSelect, Projector } from './project';
import { Views } from './views';

// Read pipeline of a set: order → filter → RLS → ($inlinecount | $skip→$top) → $select/$expand (ref §1.5).

export interface ReadParams {
  filter?: string;
  orderby?: string;
  top?: string;
  skip?: string;
  inlinecount?: string;
  select?: string;
  expand?: string;
  allowedOnly?: boolean;
}

export interface Quirks {
  /** Misspelt field in $filter: silently empty result (default, ref §1.5) or 400 code 14 (P7 live probe). */
  unknownFilterField: 'empty' | 'error';
}

export interface Access {
  /** RLS by store: documents/objects with another Магазин_Key are not permitted. */
  allowedStores?: ReadonlySet<string>;
}

export interface ReadResult {
  rows: Row[];
  count?: number;
}

const nonNegative = (v: string | undefined, option: string): number | undefined => {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v.trim())) throw errors.queryOption(option);
  return Number(v);
};

export class QueryEngine {
  readonly views: Views;
  readonly projector: Projector;
  private sorted = new Map<string, { version: number; rows: Row[] }>();

  constructor(
    private readonly ib: Infobase,
    private readonly pub: Publication,
    readonly quirks: Quirks,
  ) {
    this.views = new Views(ib);
    this.projector = new Projector(ib, pub);
  }

  private ordered(set: SetDef, orderby: string | undefined, given?: Row[]): Row[] {
    const base = given ?? this.views.rows(set);
    if (!orderby || orderby.trim() === '') return base;
    const cacheKey = `${set.name}\u0000${orderby}`;
    const version = this.ib.store.version;
    const hit = given ? undefined : this.sorted.get(cacheKey);
    if (hit && hit.version === version) return hit.rows;
    let items;
    try {
      items = parseOrderBy(orderby);
    } catch (e) {
      if (e instanceof SyntaxError1C) throw errors.queryOption('$orderby', e.message);
      throw e;
    }
    const rows = sortRows(base, items, { set, pub: this.pub, ib: this.ib }, (r) => this.views.identity(set, r));
    if (given) return rows;
    if (this.sorted.size > 64) this.sorted.clear();
    this.sorted.set(cacheKey, { version, rows });
    return rows;
  }

  /** Filtered (and ordered) rows of a set (or of `given` rows, e.g. a virtual table), RLS applied. */
  select(set: SetDef, params: ReadParams, access: Access = {}, given?: Row[]): Row[] {
    let rows = this.ordered(set, params.orderby, given);
    if (params.filter !== undefined && params.filter.trim() !== '') {
      let test;
      try {
        test = compileFilter(parseFilter(params.filter), { set, pub: this.pub, ib: this.ib });
      } catch (e) {
        if (e instanceof SyntaxError1C) throw errors.queryOption('$filter', e.message);
        if (e instanceof UnknownFieldError) {
          if (this.quirks.unknownFilterField === 'empty') return [];
          throw errors.queryOption('$filter', `поле ${e.path} не найдено`);
        }
        throw e;
      }
      rows = rows.filter(test);
    }
    return this.applyRls(set, rows, params.allowedOnly === true, access);
  }

  private applyRls(set: SetDef, rows: Row[], allowedOnly: boolean, access: Access): Row[] {
    const allowed = access.allowedStores;
    const field = set.propMap.has('Магазин_Key') ? 'Магазин_Key' : undefined;
    if (!allowed || !field) return rows;
    const permitted = rows.filter((r) => allowed.has(String(r[field])));
    if (permitted.length === rows.length) return rows;
    // ref §1.5: allowedOnly=true → only permitted rows instead of HTTP 401 / code 20.
    if (allowedOnly) return permitted;
    throw errors.rights(`чтение ${set.name}`);
  }

  read(set: SetDef, params: ReadParams, access: Access = {}, given?: Row[]): ReadResult {
    const select = parseSelect(params.select, set, this.pub);
    const expand = parseExpand(params.expand, set, this.pub);
    const top = nonNegative(params.top, '$top');
    const skip = nonNegative(params.skip, '$skip');
    const inline = params.inlinecount;
    if (inline !== undefined && inline !== 'allpages' && inline !== 'none') throw errors.queryOption('$inlinecount');
    let rows = this.select(set, params, access, given);
    let count: number | undefined;
    if (inline === 'allpages') {
      // ref §1.5: $inlinecount makes 1С ignore $skip/$top — the whole filtered set comes back.
      count = rows.length;
    } else {
      if (skip !== undefined) rows = rows.slice(skip);
      if (top !== undefined) rows = rows.slice(0, top);
    }
    return { rows: rows.map((r) => this.projector.project(r, set, select, expand)), count };
  }

  count(set: SetDef, params: ReadParams, access: Access = {}): number {
    return this.select(set, { filter: params.filter, allowedOnly: params.allowedOnly }, access).length;
  }
}
