import type { Publication } from '../model/publication';
import type { SetDef } from '../model/schema';
import type { Infobase } from '../store/infobase';
import { errors, ODataError } from '../errors';
import { isGuid, normalizeDate, stripNs, type Row } from '../edm/values';
import { FUNCTIONS, UNSUPPORTED } from './functions';
import type { Expr, Literal } from './parser';
import { asString, compare, isTagged, typed, type V } from './values';

// Compiles a parsed $filter / $orderby expression into closures over stored rows.

export interface CompileContext {
  set: SetDef;
  pub: Publication;
  ib: Infobase;
}

/** A path that names no property: 1С may answer an empty result instead of an error (ref §1.5). */
export class UnknownFieldError extends Error {
  constructor(readonly path: string) {
    super(`Unknown field ${path}`);
  }
}

type Env = ReadonlyMap<string, Row>;
export type Compiled = (row: Row, env: Env) => V;
type Scope = ReadonlyMap<string, SetDef>;

const EMPTY_ENV: Env = new Map();

function literal(l: Literal): V {
  switch (l.k) {
    case 'null':
      return null;
    case 'bool':
      return l.v;
    case 'num':
      return l.v;
    case 'str':
      return l.v;
    case 'typed':
      if (l.kind === 'guid') {
        if (!isGuid(l.v)) throw errors.parse(l.v, 'Edm.Guid');
        return { k: 'g', v: l.v.toLowerCase() };
      }
      if (l.kind === 'datetime' || l.kind === 'datetimeoffset') {
        const d = normalizeDate(l.v.replace(/(Z|[+-]\d{2}:\d{2})$/, ''));
        if (!d) throw errors.parse(l.v, 'Edm.DateTime');
        return { k: 'd', v: d };
      }
      throw errors.queryOption('$filter', `литерал ${l.kind} не поддерживается`);
  }
}

interface Resolved {
  get: (row: Row, env: Env) => Row | undefined;
  set: SetDef;
  prop: string;
}

/** Walk a member path through navigation properties down to a property of some set. */
export function resolvePath(segs: string[], ctx: CompileContext, scope: Scope): Resolved {
  let set = ctx.set;
  let get: Resolved['get'] = (row) => row;
  let i = 0;
  const variable = scope.get(segs[0]);
  if (variable) {
    const name = segs[0];
    set = variable;
    get = (_row, env) => env.get(name);
    i = 1;
  }
  if (i >= segs.length) throw new UnknownFieldError(segs.join('/'));
  for (; i < segs.length; i++) {
    const seg = segs[i];
    if (i === segs.length - 1 && set.propMap.has(seg)) return { get, set, prop: seg };
    const nav = set.navMap.get(seg);
    const target = nav ? ctx.pub.find(nav.target) : undefined;
    if (!nav || !target || i === segs.length - 1) throw new UnknownFieldError(segs.join('/'));
    const prev = get;
    const keyProp = nav.keyProp;
    get = (row, env) => {
      const r = prev(row, env);
      return r ? ctx.ib.resolveRef(target.name, r[keyProp]) : undefined;
    };
    set = target;
  }
  throw new UnknownFieldError(segs.join('/'));
}

function compilePath(segs: string[], ctx: CompileContext, scope: Scope): Compiled {
  const { get, set, prop } = resolvePath(segs, ctx, scope);
  const p = set.propMap.get(prop);
  if (!p) throw new UnknownFieldError(segs.join('/'));
  if (p.kind === 'tabular') {
    const ts = set.tabulars.get(p.name);
    if (!ts) throw new UnknownFieldError(segs.join('/'));
    return (row, env) => {
      const r = get(row, env);
      return { k: 'rows', rows: r && Array.isArray(r[prop]) ? (r[prop] as Row[]) : [], set: ts };
    };
  }
  return (row, env) => {
    const r = get(row, env);
    return r ? typed(p, r[prop], r) : null;
  };
}

function compileLambda(e: Extract<Expr, { t: 'lambda' }>, ctx: CompileContext, scope: Scope): Compiled {
  const source = compilePath(e.source, ctx, scope);
  const probe = resolvePath(e.source, ctx, scope);
  const ts = probe.set.tabulars.get(probe.prop);
  if (!ts) throw errors.queryOption('$filter', `${e.source.join('/')} не является табличной частью`);
  if (!e.body || !e.variable) {
    return (row, env) => {
      const v = source(row, env);
      return isTagged(v) && v.k === 'rows' && v.rows.length > 0;
    };
  }
  const variable = e.variable;
  const body = compile(e.body, ctx, new Map([...scope, [variable, ts]]));
  return (row, env) => {
    const v = source(row, env);
    if (!isTagged(v) || v.k !== 'rows') return false;
    const test = (r: Row): boolean => body(row, new Map([...env, [variable, r]])) === true;
    return e.kind === 'any' ? v.rows.some(test) : v.rows.every(test);
  };
}

function typeArg(e: Expr | undefined, fn: string): string {
  if (!e || e.t !== 'lit' || e.v.k !== 'str') throw new ODataError(400, '21', `Неверный аргумент функции ${fn}`);
  return stripNs(e.v.v);
}

function compileCall(e: Extract<Expr, { t: 'call' }>, ctx: CompileContext, scope: Scope): Compiled {
  const name = e.name;
  if (name === 'cast') {
    if (e.args.length !== 2) throw new ODataError(400, '21', 'Неверное количество аргументов функции cast');
    const type = typeArg(e.args[1], 'cast');
    const value = compile(e.args[0], ctx, scope);
    if (type === 'Edm.String') return (row, env) => asString(value(row, env));
    if (/^Edm\.(Int16|Int32|Int64|Double|Decimal)$/.test(type)) {
      return (row, env) => {
        const n = Number(asString(value(row, env)));
        return Number.isFinite(n) ? n : null;
      };
    }
    return (row, env) => {
      const v = asString(value(row, env));
      return v === null ? null : { k: 'r', v: v.toLowerCase(), type };
    };
  }
  if (name === 'isof') {
    if (e.args.length === 1) {
      const type = typeArg(e.args[0], 'isof');
      const is = type === ctx.set.name;
      return () => is;
    }
    if (e.args.length !== 2) throw new ODataError(400, '21', 'Неверное количество аргументов функции isof');
    const type = typeArg(e.args[1], 'isof');
    const value = compile(e.args[0], ctx, scope);
    return (row, env) => {
      const v = value(row, env);
      if (!isTagged(v)) return false;
      if (v.k === 'c') return stripNs(v.type) === type;
      if (v.k === 'g') return v.target === type;
      return false;
    };
  }
  if (UNSUPPORTED.has(name)) throw errors.queryOption('$filter', `функция ${name} не поддерживается`);
  const f = FUNCTIONS[name];
  if (!f) throw errors.queryOption('$filter', `неизвестная функция ${name}`);
  if (e.args.length < f.arity[0] || e.args.length > f.arity[1]) {
    throw new ODataError(400, '21', `Неверное количество аргументов функции ${name}`);
  }
  const args = e.args.map((a) => compile(a, ctx, scope));
  return (row, env) => f.fn(args.map((a) => a(row, env)));
}

const ARITH: Record<string, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  mod: (a, b) => a % b,
};

export function compile(e: Expr, ctx: CompileContext, scope: Scope = new Map()): Compiled {
  switch (e.t) {
    case 'lit': {
      const v = literal(e.v);
      return () => v;
    }
    case 'path':
      return compilePath(e.segs, ctx, scope);
    case 'lambda':
      return compileLambda(e, ctx, scope);
    case 'call':
      return compileCall(e, ctx, scope);
    case 'not': {
      const inner = compile(e.e, ctx, scope);
      return (row, env) => inner(row, env) !== true;
    }
    case 'neg': {
      const inner = compile(e.e, ctx, scope);
      return (row, env) => {
        const v = inner(row, env);
        return typeof v === 'number' ? -v : null;
      };
    }
    case 'bin': {
      const l = compile(e.l, ctx, scope);
      const r = compile(e.r, ctx, scope);
      const op = e.op;
      if (op === 'and') return (row, env) => l(row, env) === true && r(row, env) === true;
      if (op === 'or') return (row, env) => l(row, env) === true || r(row, env) === true;
      const arith = ARITH[op];
      if (arith) {
        return (row, env) => {
          const a = l(row, env);
          const b = r(row, env);
          return typeof a === 'number' && typeof b === 'number' ? arith(a, b) : null;
        };
      }
      return (row, env) => compare(op, l(row, env), r(row, env));
    }
  }
}

export function compileFilter(e: Expr, ctx: CompileContext): (row: Row) => boolean {
  const fn = compile(e, ctx);
  return (row) => fn(row, EMPTY_ENV) === true;
}
