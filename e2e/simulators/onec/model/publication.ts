import type { Row } from '../edm/values';
import type { NavDef, PropDef, Schema, SetDef } from './schema';

// The published composition (ref §1.1: the interface is empty until SetStandardODataInterfaceContent).
// Tabular sections and _RecordType sets come with their owner object.
//
// Hidden fields simulate a release whose objects lack some attributes (the reference is a 2.2.12 dump, ref §2):
// a hidden field is absent from $metadata and from the data, `$select` of it answers 400 code 6 (ref §1.5) and
// POST/PATCH ignore it as an unknown property (ref §1.6). Hiding a tabular-section name hides the whole section.
export class Publication {
  private owners = new Set<string>();
  /** Entity set name (object, register, `_RecordType` or tabular-section set) → hidden property names. */
  private hidden = new Map<string, Set<string>>();
  private views = new Map<string, SetDef>();
  /** Bumped on every change so $metadata caches can be invalidated. */
  version = 0;

  constructor(
    private readonly schema: Schema,
    composition: string[] | 'all' = 'all',
  ) {
    this.set(composition);
  }

  /** Sets the composition; hidden fields are reset (a new publication). */
  set(composition: string[] | 'all'): void {
    const names = composition === 'all' ? this.schema.topLevel : composition;
    const owners = new Set<string>();
    for (const n of names) {
      const s = this.schema.get(n);
      if (!s) throw new Error(`Unknown metadata object in composition: ${n}`);
      owners.add(s.ownerSet);
    }
    this.owners = owners;
    this.hidden.clear();
    this.changed();
  }

  private changed(): void {
    this.views.clear();
    this.version++;
  }

  /**
   * Hides fields of an entity set. A field is a property name (`Контрагент_Key`, `ВладелецКарты`, `Товары`), an
   * attribute name (`Контрагент` hides `Контрагент_Key`; a composite hides its `_Type` too) or `TS/Column` for a
   * tabular-section column. Key properties cannot be hidden.
   */
  hideFields(setName: string, fields: readonly string[]): void {
    const s = this.schema.get(setName);
    if (!s) throw new Error(`Unknown entity set: ${setName}`);
    for (const f of fields) {
      const slash = f.indexOf('/');
      if (slash > 0) {
        const ts = s.tabulars.get(f.slice(0, slash));
        if (!ts) throw new Error(`Unknown tabular section of ${setName}: ${f}`);
        this.hideFields(ts.name, [f.slice(slash + 1)]);
        continue;
      }
      const props = s.props.filter((p) => p.name === f || (p.base === f && p.kind !== 'guid') || (p.kind === 'compositeType' && p.base === f));
      if (props.length === 0) throw new Error(`Unknown field of ${setName}: ${f}`);
      const hidden = this.hidden.get(s.name) ?? new Set<string>();
      for (const p of props) {
        if (s.keys.includes(p.name) || p.name === 'LineNumber') throw new Error(`Key field ${p.name} of ${setName} cannot be hidden`);
        hidden.add(p.name);
      }
      this.hidden.set(s.name, hidden);
    }
    this.changed();
  }

  showAllFields(): void {
    this.hidden.clear();
    this.changed();
  }

  /** Hidden property names by entity set. */
  hiddenFields(): Record<string, string[]> {
    return Object.fromEntries([...this.hidden].map(([k, v]) => [k, [...v]]));
  }

  /** Top-level objects currently published, in schema order. */
  list(): string[] {
    return this.schema.topLevel.filter((n) => this.owners.has(n));
  }

  isPublished(setName: string): boolean {
    return this.find(setName) !== undefined;
  }

  /** Published set (its published view when fields are hidden) or undefined (unpublished sets answer like missing ones). */
  find(setName: string): SetDef | undefined {
    const s = this.schema.get(setName);
    if (!s || !this.owners.has(s.ownerSet)) return undefined;
    if (s.kind === 'tabular' && this.hidden.get(s.ownerSet)?.has(s.tsName as string)) return undefined;
    return this.view(s);
  }

  sets(): SetDef[] {
    return [...this.schema.sets.keys()].map((n) => this.find(n)).filter((s): s is SetDef => s !== undefined);
  }

  private view(s: SetDef): SetDef {
    const hidden = this.hidden.get(s.name);
    const tabulars = [...s.tabulars.values()];
    if (!hidden && !tabulars.some((t) => this.hidden.has(t.name))) return s;
    const cached = this.views.get(s.name);
    if (cached) return cached;
    const props: PropDef[] = s.props.filter((p) => !hidden?.has(p.name));
    const navs: NavDef[] = s.navs.filter((n) => !hidden?.has(n.keyProp));
    const tsViews = new Map<string, SetDef>();
    for (const [name, ts] of s.tabulars) if (!hidden?.has(name)) tsViews.set(name, this.view(ts));
    const v: SetDef = {
      ...s,
      props,
      propMap: new Map(props.map((p) => [p.name, p])),
      navs,
      navMap: new Map(navs.map((n) => [n.name, n])),
      tabulars: tsViews,
      restricted: true,
    };
    this.views.set(s.name, v);
    return v;
  }
}

/** A stored row as the published view shows it: only published properties, tabular rows likewise. */
export function publishedRow(set: SetDef, row: Row): Row {
  if (!set.restricted) return row;
  const out: Row = {};
  for (const p of set.props) {
    if (!(p.name in row)) continue;
    const ts = p.kind === 'tabular' ? set.tabulars.get(p.name) : undefined;
    const v = row[p.name];
    out[p.name] = ts && Array.isArray(v) ? (v as Row[]).map((r) => publishedRow(ts, r)) : v;
  }
  return out;
}

/**
 * A request body without the hidden fields of `view` (the published view of `full`): 1С ignores properties it does
 * not know (ref §1.6). Properties unknown to the full schema are left for the store to ignore.
 */
export function withoutHidden(view: SetDef, full: SetDef, body: Record<string, unknown>): Record<string, unknown> {
  if (!view.restricted) return body;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    const name = k.endsWith('@odata.bind') ? `${k.slice(0, -'@odata.bind'.length)}_Key` : k;
    if (full.propMap.has(name) && !view.propMap.has(name)) continue;
    const ts = view.tabulars.get(k);
    const fullTs = full.tabulars.get(k);
    out[k] =
      ts && fullTs && Array.isArray(v)
        ? v.map((r: unknown) => (r && typeof r === 'object' && !Array.isArray(r) ? withoutHidden(ts, fullTs, r as Record<string, unknown>) : r))
        : v;
  }
  return out;
}
