import type { SetDef } from '../model/schema';
import type { Views } from '../query/views';
import type { Infobase } from '../store/infobase';
import { errors } from '../errors';
import { type Json, type Row } from '../edm/values';
import { parseArgs } from './url';

// Key predicates: `(guid'…')` / `(Ref_Key=guid'…')` for objects, `(Ref_Key=…,LineNumber=1)` for
// tabular sections, `(Dim=…,Period=datetime'…')` for registers (ref §1.3, §1.6).

export function parseKey(set: SetDef, args: string): Row {
  const values = parseArgs(args);
  const key: Row = {};
  if (values.has('') && set.keys.length === 1) {
    key[set.keys[0]] = values.get('') as Json;
  } else if (values.has('')) {
    throw errors.keyPart(set.keys.join(','));
  } else {
    for (const k of set.keys) {
      if (!values.has(k)) throw errors.keyPart(k);
      key[k] = values.get(k) as Json;
    }
  }
  for (const k of set.keys) {
    const p = set.propMap.get(k);
    const v = key[k];
    // A plain string where a Guid is expected → 400 code 1 (P7 live probe "ключ-строка").
    if (p?.edm === 'Edm.Guid' && (typeof v !== 'string' || !/^[0-9a-f-]{36}$/.test(v))) {
      throw errors.parse(String(v), 'Edm.Guid');
    }
    if (p?.edm === 'Edm.Int64' && typeof v === 'number') key[k] = String(v);
  }
  return key;
}

/** Stored row addressed by a key, or undefined. */
export function findByKey(ib: Infobase, views: Views, set: SetDef, key: Row): Row | undefined {
  switch (set.kind) {
    case 'catalog':
    case 'document':
      return ib.store.get(set.name, String(key.Ref_Key));
    case 'tabular': {
      const owner = ib.store.get(set.ownerSet, String(key.Ref_Key));
      const rows = owner?.[set.tsName as string];
      return Array.isArray(rows) ? (rows as Row[]).find((r) => String(r.LineNumber) === String(key.LineNumber)) : undefined;
    }
    case 'register':
      return ib.findRecord(set.name, key);
    case 'recordSet': {
      const rows = ib.store.records(set.name).get(String(key.Recorder_Key));
      return rows ? { Recorder_Key: key.Recorder_Key, RecordSet: rows } : undefined;
    }
    case 'recordType':
      return views.rows(set).find((r) => set.keys.every((k) => String(r[k]) === String(key[k])));
  }
}
