import type { SetDef } from '../model/schema';
import type { Quirks } from '../query/execute';
import { applySeed, REFS, type LargeCounts, type SeedKind } from '../seed';
import type { Row } from '../edm/values';
import type { SimUser } from '../http/auth';
import type { SimSettings, SimState } from '../state';
import type { FaultSpec } from './faults';
import type { StatsSnapshot } from './stats';

// In-process control API (also exposed over HTTP under /_sim/, see http/control-http.ts).

export interface OnecControl {
  /** Fixed GUIDs of reference data (organisation, stores, price types, CI kinds…). */
  readonly refs: typeof REFS;
  /** Wipe and re-seed (default: the seed the simulator started with); hidden fields are shown again. */
  reset(seed?: SeedKind, large?: Partial<LargeCounts>): void;
  /** Deep copies of all rows of any set (published or not): objects, TS rows, register records. */
  list(set: string): Row[];
  /** Object by Ref_Key, or register record by its key values. */
  get(set: string, key: string | Row): Row | undefined;
  count(set: string): number;
  /** Create an object / register record as if entered in 1С (trusted: may set Predefined, Posted…). */
  create(set: string, body: Record<string, unknown>): Row;
  /** "A person edits in 1С": change fields of an object (DataVersion +1) or of a register record. */
  edit(set: string, key: string | Row, changes: Record<string, unknown>): Row;
  /** Physical deletion (as "Удаление помеченных" would do). */
  remove(set: string, key: string | Row): void;
  post(set: string, key: string): Row;
  unpost(set: string, key: string): Row;
  composition(): string[];
  /** Publishes these objects; hidden fields are shown again. */
  setComposition(sets: string[] | 'all'): void;
  /**
   * "Another release": fields missing from an entity set — gone from $metadata and from the data; `$select` of
   * one → 400 code 6, POST/PATCH ignore it (ref §1.5, §1.6). Fields: `Комментарий`, `Контрагент_Key` or
   * `Контрагент`, a tabular section `ВидыЦен`, a column `Товары/КодСтроки` (or the TS set with the column name).
   */
  hideFields(set: string, fields: readonly string[]): void;
  showAllFields(): void;
  /** Hidden property names by entity set. */
  hiddenFields(): Record<string, string[]>;
  stats(): StatsSnapshot;
  resetStats(): void;
  injectFault(spec: FaultSpec): number;
  removeFault(id: number): void;
  clearFaults(): void;
  faults(): FaultSpec[];
  setAuthFailureMode(mode: SimSettings['authFailureMode']): void;
  setQuirks(q: Partial<Quirks>): void;
  setUsers(users: SimUser[]): void;
  setSlowFirstRequest(ms: number, idleMs?: number): void;
  /** Clock used for empty document dates and operational posting. */
  setClock(now: () => Date): void;
}

const clone = <T>(v: T): T => structuredClone(v);

export function createControl(state: SimState, initialSeed: SeedKind, large: Partial<LargeCounts> = {}): OnecControl {
  const setOf = (name: string): SetDef => {
    const s = state.ib.schema.get(name);
    if (!s) throw new Error(`Unknown entity set: ${name}`);
    return s;
  };
  const isObject = (s: SetDef) => s.kind === 'catalog' || s.kind === 'document';
  const keyRow = (key: string | Row): Row => (typeof key === 'string' ? { Ref_Key: key } : key);

  return {
    refs: REFS,
    reset(seed = initialSeed, counts = large) {
      applySeed(state.ib, seed, counts);
      state.pub.showAllFields();
    },
    list(set) {
      return clone(state.engine.views.rows(setOf(set)));
    },
    get(set, key) {
      const s = setOf(set);
      if (isObject(s)) return clone(state.ib.store.get(set, String(keyRow(key).Ref_Key)));
      if (s.kind === 'register') return clone(state.ib.findRecord(set, keyRow(key)));
      return undefined;
    },
    count(set) {
      return state.engine.views.rows(setOf(set)).length;
    },
    create(set, body) {
      const s = setOf(set);
      if (s.kind === 'register') return clone(state.ib.createRecord(set, body));
      return clone(state.ib.create(set, body, { trusted: true }));
    },
    edit(set, key, changes) {
      const s = setOf(set);
      if (s.kind === 'register') return clone(state.ib.updateRecord(set, keyRow(key), changes));
      return clone(state.ib.update(set, String(keyRow(key).Ref_Key), changes, 'patch'));
    },
    remove(set, key) {
      const s = setOf(set);
      if (s.kind === 'register') state.ib.removeRecord(set, keyRow(key));
      else state.ib.remove(set, String(keyRow(key).Ref_Key));
    },
    post: (set, key) => clone(state.ib.post(set, key)),
    unpost: (set, key) => clone(state.ib.unpost(set, key)),
    composition: () => state.pub.list(),
    setComposition: (sets) => state.pub.set(sets),
    hideFields: (set, fields) => state.pub.hideFields(set, fields),
    showAllFields: () => state.pub.showAllFields(),
    hiddenFields: () => state.pub.hiddenFields(),
    stats: () => state.stats.snapshot(),
    resetStats: () => state.stats.reset(),
    injectFault: (spec) => state.faults.add(spec),
    removeFault: (id) => state.faults.remove(id),
    clearFaults: () => state.faults.clear(),
    faults: () => state.faults.list(),
    setAuthFailureMode(mode) {
      state.settings.authFailureMode = mode;
    },
    setQuirks(q) {
      Object.assign(state.quirks, q);
    },
    setUsers(users) {
      state.settings.users = users;
    },
    setSlowFirstRequest(ms, idleMs) {
      state.settings.slowFirstRequestMs = ms;
      if (idleMs !== undefined) state.settings.idleMs = idleMs;
    },
    setClock(now) {
      state.ib.now = now;
    },
  };
}
