/**
 * `$metadata` (CSDL, OData v3) → a small model: published entity sets, their properties with Edm types,
 * tabular-section row types and bound functions (SliceLast, Post …). Only published objects appear (ref §1.11),
 * which is exactly what the composition check needs.
 */
import { XMLParser } from 'fast-xml-parser';
import { OnecError } from './errors';

export interface EdmProperty {
  name: string;
  /** e.g. `Edm.String`, `Edm.Guid`, `Collection(StandardODATA.Catalog_X_КонтактнаяИнформация_RowType)`. */
  type: string;
  maxLength?: number;
}

export interface EdmStructure {
  name: string;
  properties: Map<string, EdmProperty>;
  navigations: Set<string>;
}

export interface EdmFunction {
  name: string;
  /** Short type name of the binding parameter (the entity type the function is bound to). */
  bindingType?: string;
}

export interface ODataModel {
  /** Entity set name → short entity type name. */
  entitySets: Map<string, string>;
  /** Entity and complex types by short name. */
  structures: Map<string, EdmStructure>;
  functions: EdmFunction[];
}

type XmlNode = Record<string, unknown>;

const ARRAYS = new Set(['Schema', 'EntityType', 'ComplexType', 'Property', 'NavigationProperty', 'EntityContainer', 'EntitySet', 'FunctionImport', 'Parameter']);

function arr(node: unknown, key: string): XmlNode[] {
  const v = (node as XmlNode | undefined)?.[key];
  return Array.isArray(v) ? (v as XmlNode[]) : [];
}

function attr(node: XmlNode, name: string): string | undefined {
  const v = node[`@_${name}`];
  return v == null ? undefined : String(v);
}

/** `StandardODATA.Catalog_X` → `Catalog_X`; `Collection(StandardODATA.X)` → `X`. */
export function shortTypeName(type: string): string {
  const inner = /^Collection\((.*)\)$/.exec(type)?.[1] ?? type;
  const dot = inner.lastIndexOf('.');
  return dot >= 0 ? inner.slice(dot + 1) : inner;
}

export function parseMetadata(xml: string): ODataModel {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: true,
    parseAttributeValue: false,
    parseTagValue: false,
    isArray: (name) => ARRAYS.has(name),
  });
  let doc: XmlNode;
  try {
    doc = parser.parse(xml) as XmlNode;
  } catch (err) {
    throw new OnecError('NOT_ODATA', 'Описание метаданных OData ($metadata) от 1С не разобрано как XML.', { cause: err });
  }
  const edmx = doc['Edmx'] as XmlNode | undefined;
  const services = edmx?.['DataServices'] as XmlNode | undefined;
  if (!services) throw new OnecError('NOT_ODATA', 'Ответ на запрос $metadata не является описанием метаданных OData. Проверьте адрес публикации.');
  const model: ODataModel = { entitySets: new Map(), structures: new Map(), functions: [] };
  for (const schema of arr(services, 'Schema')) {
    for (const t of [...arr(schema, 'EntityType'), ...arr(schema, 'ComplexType')]) {
      const name = attr(t, 'Name');
      if (!name) continue;
      const properties = new Map<string, EdmProperty>();
      for (const p of arr(t, 'Property')) {
        const pn = attr(p, 'Name');
        const type = attr(p, 'Type');
        if (!pn || !type) continue;
        const ml = Number(attr(p, 'MaxLength'));
        properties.set(pn, { name: pn, type, ...(Number.isFinite(ml) && ml > 0 ? { maxLength: ml } : {}) });
      }
      const navigations = new Set(arr(t, 'NavigationProperty').map((n) => attr(n, 'Name')).filter((n): n is string => !!n));
      model.structures.set(name, { name, properties, navigations });
    }
    for (const container of arr(schema, 'EntityContainer')) {
      for (const s of arr(container, 'EntitySet')) {
        const name = attr(s, 'Name');
        const type = attr(s, 'EntityType');
        if (name && type) model.entitySets.set(name, shortTypeName(type));
      }
      for (const f of arr(container, 'FunctionImport')) {
        const name = attr(f, 'Name');
        if (!name) continue;
        const binding = arr(f, 'Parameter').find((p) => attr(p, 'Name') === 'bindingParameter');
        const bindingType = binding ? shortTypeName(attr(binding, 'Type') ?? '') : undefined;
        model.functions.push({ name, ...(bindingType ? { bindingType } : {}) });
      }
    }
  }
  return model;
}

/** Properties of an entity set, or undefined when the set is not published. */
export function setProperties(model: ODataModel, entitySet: string): Map<string, EdmProperty> | undefined {
  const type = model.entitySets.get(entitySet);
  return type ? model.structures.get(type)?.properties : undefined;
}

/** Properties of a tabular section row (`Collection(…_RowType)` property of the owner). */
export function tabularProperties(model: ODataModel, entitySet: string, section: string): Map<string, EdmProperty> | undefined {
  const prop = setProperties(model, entitySet)?.get(section);
  if (!prop || !prop.type.startsWith('Collection(')) return undefined;
  return model.structures.get(shortTypeName(prop.type))?.properties;
}

/**
 * A bound function (SliceLast, Post, …) exists for the set; a model without any bound functions is not judged.
 * The virtual tables of a recorder-subordinate register are called on `X_RecordType` (ref §1.9) but which type
 * the CSDL binds them to (`X_RecordType` or the record set `X`) is not documented: either counts, as does an
 * unbound declaration.
 */
export function hasBoundFunction(model: ODataModel, entitySet: string, name: string): boolean {
  const type = model.entitySets.get(entitySet);
  if (!type) return false;
  const bound = model.functions.filter((f) => f.bindingType);
  if (bound.length === 0) return model.functions.some((f) => f.name === name) || model.functions.length === 0;
  const types = new Set([type, type.replace(/_RecordType$/, '')]);
  return model.functions.some((f) => f.name === name && (!f.bindingType || types.has(f.bindingType)));
}

/** The field (`Name` or `Section/Column`) is in the published metadata of the set. */
export function isPublished(model: ODataModel, entitySet: string, field: string): boolean {
  const slash = field.indexOf('/');
  if (slash < 0) return setProperties(model, entitySet)?.has(field) ?? false;
  return tabularProperties(model, entitySet, field.slice(0, slash))?.has(field.slice(slash + 1)) ?? false;
}

/**
 * Of the fields to `$select` (`Name` or `Section/Column`), those the published metadata has: a field a release
 * does not publish is read as absent (its default) instead of failing the request with 400 code 6 (ref §1.5).
 * Falsy entries are dropped. A set missing from the model is not judged (the composition check reports it).
 */
export function publishedOnly(model: ODataModel, entitySet: string, fields: readonly (string | false | null | undefined)[]): string[] {
  const wanted = fields.filter((f): f is string => typeof f === 'string' && f !== '');
  if (!model.entitySets.has(entitySet)) return wanted;
  return wanted.filter((f) => isPublished(model, entitySet, f));
}

/**
 * A POST/PATCH body without the header fields and tabular-section columns the set does not publish. 1С would
 * ignore them (ref §1.6), but the re-read after writing selects what was sent, and that must not fail.
 * `@odata.bind` entries follow their `_Key` field; a set missing from the model is not judged.
 */
export function publishedBody<T extends Record<string, unknown>>(model: ODataModel, entitySet: string, body: T): T {
  const props = setProperties(model, entitySet);
  if (!props) return body;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    const name = k.endsWith('@odata.bind') ? `${k.slice(0, -'@odata.bind'.length)}_Key` : k;
    if (!props.has(name)) continue;
    const columns = Array.isArray(v) ? tabularProperties(model, entitySet, k) : undefined;
    out[k] = columns
      ? (v as unknown[]).map((row) =>
          row && typeof row === 'object' && !Array.isArray(row) ? Object.fromEntries(Object.entries(row).filter(([c]) => c === 'LineNumber' || columns.has(c))) : row,
        )
      : v;
  }
  return out as T;
}
