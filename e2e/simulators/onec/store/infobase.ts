import type { PropDef, Schema, SetDef } from '../model/schema';
import { errors } from '../errors';
import {
  dataVersion,
  datePresentation,
  EMPTY_DATE,
  EMPTY_REF,
  intWire,
  isGuid,
  naiveNow,
  nextDataVersion,
  type Json,
  type Row,
} from '../edm/values';
import { applyFields, emptyRow } from './coerce';
import { POSTING } from './posting';
import { Store } from './store';

// Write side of the simulated infobase: objects, independent registers, posting.
// All writes go through here, so HTTP, control API ("a person edits in 1С") and seeds behave alike.

export interface WriteOptions {
  /** Trusted writers (seeds, control) may set read-only standard fields (Predefined, Posted, DataVersion). */
  trusted?: boolean;
}

const clone = <T>(v: T): T => structuredClone(v);

export class Infobase {
  readonly store: Store;
  /** Clock for document dates / operational posting; injectable for tests. */
  now: () => Date = () => new Date();

  constructor(readonly schema: Schema) {
    this.store = new Store(schema);
  }

  private objectSet(name: string): SetDef {
    const s = this.schema.get(name);
    if (!s || (s.kind !== 'catalog' && s.kind !== 'document')) throw new Error(`Not an object set: ${name}`);
    return s;
  }

  presentation(setName: string, row: Row): string {
    const s = this.schema.get(setName);
    if (s?.kind === 'document') {
      return `${s.def.synonym} ${String(row.Number)} от ${datePresentation(String(row.Date))}`;
    }
    return String(row.Description ?? '');
  }

  // ---- catalogs and documents -------------------------------------------------------------------

  create(setName: string, body: Record<string, unknown>, opts: WriteOptions = {}): Row {
    const set = this.objectSet(setName);
    const table = this.store.table(setName);
    const row = emptyRow(set);
    const key = body.Ref_Key;
    if (key !== undefined && key !== null && key !== EMPTY_REF) {
      if (typeof key !== 'string' || !isGuid(key)) throw errors.parse(String(key), 'Edm.Guid');
      if (table.has(key.toLowerCase())) throw errors.keyExists();
      row.Ref_Key = key.toLowerCase();
    } else {
      row.Ref_Key = this.store.guid();
    }
    applyFields(set, row, body, !!opts.trusted);
    this.autonumber(set, row);
    if (!opts.trusted || body.DataVersion === undefined) row.DataVersion = dataVersion(0);
    table.set(String(row.Ref_Key), row);
    this.store.touch();
    return row;
  }

  private autonumber(set: SetDef, row: Row): void {
    const def = set.def;
    if (def.kind === 'Catalog' && def.codeLength > 0) {
      const code = row.Code;
      if (code === '' || code === '0') {
        const n = this.store.next(set.name);
        row.Code = def.codeType === 'number' ? intWire(set.propMap.get('Code') as PropDef, n) : String(n).padStart(def.codeLength, '0');
      } else this.store.bump(set.name, code);
    }
    if (def.kind === 'Document') {
      if (row.Number === '') row.Number = String(this.store.next(set.name)).padStart(def.numberLength, '0');
      else this.store.bump(set.name, row.Number);
      // The platform fills an empty document date with the current date on write.
      if (row.Date === EMPTY_DATE) row.Date = naiveNow(this.now());
    }
  }

  /** PATCH (partial) or PUT (all fields) → whole object; DataVersion +1 on every write, even a no-op (ref §1.4). */
  update(setName: string, key: string, body: Record<string, unknown>, mode: 'patch' | 'put', opts: WriteOptions = {}): Row {
    const set = this.objectSet(setName);
    const table = this.store.table(setName);
    const current = table.get(key.toLowerCase());
    if (!current) throw errors.notFound();
    const next = clone(current);
    if (mode === 'put') {
      const fresh = emptyRow(set);
      for (const p of set.props) if (!p.readOnly && p.kind !== 'guid') next[p.name] = fresh[p.name];
    }
    applyFields(set, next, body, !!opts.trusted);
    this.autonumber(set, next);
    if (!(opts.trusted && typeof body.DataVersion === 'string')) next.DataVersion = nextDataVersion(current.DataVersion);
    table.set(String(next.Ref_Key), next);
    this.store.touch();
    return next;
  }

  /** DELETE is physical (ref §1.6); a document's register movements go with it. */
  remove(setName: string, key: string): void {
    const table = this.store.table(setName);
    const k = key.toLowerCase();
    if (!table.delete(k)) throw errors.notFound();
    this.dropMovements(k);
    this.store.touch();
  }

  // ---- posting ----------------------------------------------------------------------------------

  post(setName: string, key: string, operational = false): Row {
    const set = this.objectSet(setName);
    const table = this.store.table(setName);
    const doc = table.get(key.toLowerCase());
    if (!doc || set.kind !== 'document') throw errors.notFound();
    const title = this.presentation(setName, doc);
    if (doc.DeletionMark === true) {
      throw errors.business(`Не удалось провести "${title}"!\nПомеченный на удаление документ не может быть проведен`);
    }
    if (operational && String(doc.Date).slice(0, 10) < naiveNow(this.now()).slice(0, 10)) {
      throw errors.business(`Не удалось провести "${title}"!\nОперативное проведение документа задним числом невозможно`);
    }
    const rule = POSTING[setName];
    const problems = rule ? rule.check(doc) : [];
    if (problems.length > 0) throw errors.business(`Не удалось провести "${title}"!\n${problems.join('\n')}`);
    this.dropMovements(String(doc.Ref_Key));
    for (const [register, records] of rule?.movements?.(doc) ?? []) {
      this.store.records(register).set(
        String(doc.Ref_Key),
        records.map((r, i) => ({ Recorder_Key: doc.Ref_Key, LineNumber: String(i + 1), ...r })),
      );
    }
    const next = { ...doc, Posted: true, DataVersion: nextDataVersion(doc.DataVersion) };
    table.set(String(doc.Ref_Key), next);
    this.store.touch();
    return next;
  }

  unpost(setName: string, key: string): Row {
    const set = this.objectSet(setName);
    const table = this.store.table(setName);
    const doc = table.get(key.toLowerCase());
    if (!doc || set.kind !== 'document') throw errors.notFound();
    this.dropMovements(String(doc.Ref_Key));
    const next = { ...doc, Posted: false, DataVersion: nextDataVersion(doc.DataVersion) };
    table.set(String(doc.Ref_Key), next);
    this.store.touch();
    return next;
  }

  private dropMovements(recorder: string): void {
    for (const sets of this.store.recordSets.values()) sets.delete(recorder);
  }

  // ---- independent registers --------------------------------------------------------------------

  recordKey(set: SetDef, row: Row): string {
    return set.keys.map((k) => String(row[k] ?? '')).join('\u0001');
  }

  private normalizePeriod(set: SetDef, row: Row): void {
    if (set.def.kind === 'InformationRegister' && set.def.periodicity === 'day' && typeof row.Period === 'string') {
      row.Period = `${row.Period.slice(0, 10)}T00:00:00`;
    }
  }

  /** POST of a record with its full key → 200; duplicate key → 400 code 15 (ref §1.6, P9). */
  createRecord(setName: string, body: Record<string, unknown>): Row {
    const set = this.schema.get(setName) as SetDef;
    const table = this.store.register(setName);
    const row = emptyRow(set);
    applyFields(set, row, body, false);
    this.normalizePeriod(set, row);
    const k = this.recordKey(set, row);
    if (table.has(k)) throw errors.keyExists();
    table.set(k, row);
    this.store.touch();
    return row;
  }

  findRecord(setName: string, keyValues: Row): Row | undefined {
    const set = this.schema.get(setName) as SetDef;
    const probe: Row = { ...emptyRow(set), ...keyValues };
    this.normalizePeriod(set, probe);
    return this.store.register(setName).get(this.recordKey(set, probe));
  }

  updateRecord(setName: string, keyValues: Row, body: Record<string, unknown>): Row {
    const set = this.schema.get(setName) as SetDef;
    const table = this.store.register(setName);
    const current = this.findRecord(setName, keyValues);
    if (!current) throw errors.notFound();
    const next = clone(current);
    applyFields(set, next, body, false);
    this.normalizePeriod(set, next);
    const oldKey = this.recordKey(set, current);
    const newKey = this.recordKey(set, next);
    if (newKey !== oldKey && table.has(newKey)) throw errors.keyExists();
    table.delete(oldKey);
    table.set(newKey, next);
    this.store.touch();
    return next;
  }

  removeRecord(setName: string, keyValues: Row): void {
    const set = this.schema.get(setName) as SetDef;
    const current = this.findRecord(setName, keyValues);
    if (!current) throw errors.notFound();
    this.store.register(setName).delete(this.recordKey(set, current));
    this.store.touch();
  }

  /** Read helper used by views: a Json value of a ref field resolved to its target row. */
  resolveRef(target: string | undefined, key: Json | undefined): Row | undefined {
    return this.store.resolve(target, key);
  }
}
