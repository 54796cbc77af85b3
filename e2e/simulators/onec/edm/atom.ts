import type { SetDef } from '../model/schema';
import type { Json, Row } from './values';

// Atom/XML output — what 1С answers when the client forgets $format=json (ref §1.2 "otherwise Atom").

const x = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const NS_ATTRS =
  'xmlns="http://www.w3.org/2005/Atom" xmlns:d="http://schemas.microsoft.com/ado/2007/08/dataservices" ' +
  'xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata"';

/** Key predicate as 1С prints it: `guid'…'` for Ref_Key sets, `Name=value,…` otherwise. */
export function keyPredicate(set: SetDef, row: Row): string {
  if (set.keys.length === 1 && (set.keys[0] === 'Ref_Key' || set.keys[0] === 'Recorder_Key')) {
    return `guid'${String(row[set.keys[0]])}'`;
  }
  return set.keys
    .map((k) => {
      const p = set.propMap.get(k);
      const v = row[k];
      if (p?.edm === 'Edm.Guid') return `${k}=guid'${String(v)}'`;
      if (p?.edm === 'Edm.DateTime') return `${k}=datetime'${String(v)}'`;
      if (p?.edm === 'Edm.String') return `${k}='${String(v).replace(/'/g, "''")}'`;
      return `${k}=${String(v)}`;
    })
    .join(',');
}

function value(name: string, edm: string, v: Json): string {
  if (v === null || v === undefined) return `<d:${name} m:null="true"/>`;
  if (Array.isArray(v)) {
    const items = v
      .map((r) => {
        const props = Object.entries(r as Row)
          .map(([k, val]) => value(k, 'Edm.String', val))
          .join('');
        return `<d:element>${props}</d:element>`;
      })
      .join('');
    return `<d:${name} m:type="${x(edm)}">${items}</d:${name}>`;
  }
  if (typeof v === 'object') return '';
  const typeAttr = edm === 'Edm.String' ? '' : ` m:type="${x(edm)}"`;
  return `<d:${name}${typeAttr}>${x(String(v))}</d:${name}>`;
}

function entryBody(root: string, set: SetDef, row: Row, updated: string): string {
  const id = `${root}${set.name}(${keyPredicate(set, row)})`;
  const props = Object.entries(row)
    .map(([k, v]) => value(k, set.propMap.get(k)?.edm ?? 'Edm.String', v))
    .join('');
  return (
    `<id>${x(id)}</id><category term="StandardODATA.${x(set.name)}" scheme="http://schemas.microsoft.com/ado/2007/08/dataservices/scheme"/>` +
    `<title/><updated>${updated}</updated><author/>` +
    `<content type="application/xml"><m:properties>${props}</m:properties></content>`
  );
}

export function atomEntry(root: string, set: SetDef, row: Row): string {
  const updated = new Date().toISOString();
  return `<?xml version="1.0" encoding="UTF-8"?>\n<entry ${NS_ATTRS} xml:base="${x(root)}">${entryBody(root, set, row, updated)}</entry>`;
}

export function atomFeed(root: string, set: SetDef, rows: Row[], count?: number): string {
  const updated = new Date().toISOString();
  const entries = rows.map((r) => `<entry>${entryBody(root, set, r, updated)}</entry>`).join('');
  const countXml = count === undefined ? '' : `<m:count>${count}</m:count>`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<feed ${NS_ATTRS} xml:base="${x(root)}">` +
    `<id>${x(root + set.name)}</id><title type="text">${x(set.name)}</title><updated>${updated}</updated>` +
    `<author/><link rel="self" href="${x(set.name)}" title="${x(set.name)}"/>${countXml}${entries}</feed>`
  );
}

export function atomServiceDoc(root: string, sets: string[]): string {
  const collections = sets
    .map((s) => `<collection href="${x(s)}"><atom:title>${x(s)}</atom:title></collection>`)
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<service xmlns="http://www.w3.org/2007/app" xmlns:atom="http://www.w3.org/2005/Atom" xml:base="${x(root)}">` +
    `<workspace><atom:title>Default</atom:title>${collections}</workspace></service>`
  );
}
