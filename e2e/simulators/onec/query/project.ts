import { publishedRow, type Publication } from '../model/publication';
import type { SetDef } from '../model/schema';
import type { Infobase } from '../store/infobase';
import { errors } from '../errors';
import { EMPTY_REF, type Json, type Row } from '../edm/values';

// $select / $expand (ref §1.4, §1.5): `*` all, `**` all but tabular sections, `TS/Field` picks TS columns,
// `X____Presentation` on request; `$expand` works only when the nav field is also in `$select`.

const PRESENTATION = '____Presentation';

export interface SelectNode {
  star: boolean;
  starNoTs: boolean;
  allPresentations: boolean;
  props: Set<string>;
  ts: Map<string, Set<string> | 'all'>;
  navs: Map<string, SelectNode>;
  presentations: Set<string>;
}

const node = (star = false): SelectNode => ({
  star,
  starNoTs: false,
  allPresentations: false,
  props: new Set(),
  ts: new Map(),
  navs: new Map(),
  presentations: new Set(),
});

const isEmpty = (n: SelectNode): boolean =>
  !n.star && !n.starNoTs && n.props.size === 0 && n.ts.size === 0 && n.navs.size === 0 && n.presentations.size === 0;

export const SELECT_ALL: SelectNode = node(true);

function addPath(root: SelectNode, set: SetDef, segs: string[], pub: Publication): void {
  const [seg, ...rest] = segs;
  if (seg === '*' && rest.length === 0) {
    root.star = true;
    return;
  }
  if (seg === '**' && rest.length === 0) {
    root.starNoTs = true;
    return;
  }
  if (seg === `*${PRESENTATION}` && rest.length === 0) {
    root.allPresentations = true;
    return;
  }
  if (seg.endsWith(PRESENTATION) && rest.length === 0) {
    const base = seg.slice(0, -PRESENTATION.length);
    if (set.propMap.has(base) || set.propMap.has(`${base}_Key`)) {
      root.presentations.add(base);
      return;
    }
    throw errors.segment(seg);
  }
  const p = set.propMap.get(seg);
  if (p?.kind === 'tabular') {
    const ts = set.tabulars.get(seg);
    if (rest.length === 0 || !ts) {
      root.ts.set(seg, 'all');
      return;
    }
    if (rest.length > 1 || !ts.propMap.has(rest[0])) throw errors.segment(rest[0]);
    const cur = root.ts.get(seg);
    if (cur !== 'all') root.ts.set(seg, new Set([...(cur ?? []), rest[0]]));
    return;
  }
  if (p && rest.length === 0) {
    root.props.add(seg);
    return;
  }
  const nav = set.navMap.get(seg);
  const target = nav ? pub.find(nav.target) : undefined;
  if (nav && target) {
    const child = root.navs.get(seg) ?? node();
    root.navs.set(seg, child);
    if (rest.length > 0) addPath(child, target, rest, pub);
    return;
  }
  throw errors.segment(p ? rest[0] : seg);
}

export function parseSelect(select: string | undefined, set: SetDef, pub: Publication): SelectNode {
  if (select === undefined || select.trim() === '') return SELECT_ALL;
  const root = node();
  for (const item of select.split(',')) {
    const path = item.trim();
    if (path) addPath(root, set, path.split('/'), pub);
  }
  return root;
}

/** Expand paths ('A', 'A/B'); unknown names → 400 code 6 (P7 live probe). */
export function parseExpand(expand: string | undefined, set: SetDef, pub: Publication): Set<string> {
  const out = new Set<string>();
  if (!expand) return out;
  for (const item of expand.split(',')) {
    const segs = item.trim().split('/');
    let cur = set;
    segs.forEach((seg, i) => {
      const nav = cur.navMap.get(seg);
      const target = nav ? pub.find(nav.target) : undefined;
      if (!nav || !target) throw errors.segment(seg);
      cur = target;
      out.add(segs.slice(0, i + 1).join('/'));
    });
  }
  return out;
}

export class Projector {
  constructor(
    private readonly ib: Infobase,
    private readonly pub: Publication,
  ) {}

  private presentation(target: string | undefined, key: Json): string {
    if (typeof key !== 'string' || key === EMPTY_REF) return '';
    const row = this.ib.resolveRef(target, key);
    return row ? this.ib.presentation(target as string, row) : `<Объект не найден> (${key})`;
  }

  project(row: Row, set: SetDef, sel: SelectNode, expand: ReadonlySet<string>, prefix = ''): Row {
    const out: Row = {};
    for (const p of set.props) {
      if (p.kind === 'tabular') {
        const tsSel = sel.ts.get(p.name);
        const tsSet = set.tabulars.get(p.name);
        const stored = Array.isArray(row[p.name]) ? (row[p.name] as Row[]) : [];
        // Hidden columns (Publication.hideFields) are not part of the published row type.
        const rows = tsSet?.restricted ? stored.map((r) => publishedRow(tsSet, r)) : stored;
        if (sel.star || tsSel === 'all' || sel.props.has(p.name)) out[p.name] = rows;
        else if (tsSel) out[p.name] = rows.map((r) => Object.fromEntries([...tsSel].map((f) => [f, r[f] ?? null])));
        continue;
      }
      if (sel.star || sel.starNoTs || sel.props.has(p.name)) out[p.name] = row[p.name] ?? null;
    }
    for (const p of set.props) {
      const wanted = sel.presentations.has(p.base) || (sel.allPresentations && (p.kind === 'ref' || p.kind === 'enum'));
      if (!wanted || p.kind === 'compositeType' || p.kind === 'tabular') continue;
      out[`${p.base}${PRESENTATION}`] =
        p.kind === 'ref' || p.kind === 'guid' ? this.presentation(p.target, row[p.name]) : String(row[p.name] ?? '');
    }
    for (const [navName, child] of sel.navs) {
      const path = `${prefix}${navName}`;
      if (!expand.has(path)) continue; // ref §1.5: expand without the nav field in $select is ignored
      const nav = set.navMap.get(navName);
      const target = nav ? this.pub.find(nav.target) : undefined;
      if (!nav || !target) continue;
      const r = this.ib.resolveRef(target.name, row[nav.keyProp]);
      out[navName] = r ? this.project(r, target, isEmpty(child) ? SELECT_ALL : child, expand, `${path}/`) : null;
    }
    return out;
  }
}
