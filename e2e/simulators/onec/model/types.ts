// Metadata model of the simulated 1С:Розница 2.3 configuration.
// Objects are described in 1С terms (attributes, tabular sections, dimensions);
// schema.ts derives the OData view of them (properties, keys, sets) per ref §1.3–§1.4.

export type FieldType =
  | { kind: 'string'; length: number } // 0 = unlimited
  | { kind: 'number'; digits: number; scale: number }
  | { kind: 'boolean' }
  | { kind: 'date' }
  | { kind: 'ref'; target: string } // full set name, e.g. 'Catalog_Магазины'
  | { kind: 'composite'; targets: string[] } // full set names
  | { kind: 'enum'; enumName: string };

export interface AttrDef {
  name: string;
  type: FieldType;
}

export interface TabularDef {
  name: string;
  attrs: AttrDef[];
}

interface ObjectBase {
  /** Object name without prefix, e.g. 'ФизическиеЛица'. */
  name: string;
  /** Human synonym, used in posting messages ("Заказ покупателя"). */
  synonym: string;
  attrs: AttrDef[];
  tabular: TabularDef[];
}

export interface CatalogDef extends ObjectBase {
  kind: 'Catalog';
  hierarchical: boolean;
  /** 0 = catalog without code. */
  codeLength: number;
  codeType: 'string' | 'number';
  descriptionLength: number;
}

export interface DocumentDef extends ObjectBase {
  kind: 'Document';
  numberLength: number;
}

export interface InfoRegisterDef {
  kind: 'InformationRegister';
  name: string;
  synonym: string;
  periodicity: 'none' | 'day' | 'second';
  /** Recorder document set names; empty = independent register. */
  recorders: string[];
  dimensions: AttrDef[];
  resources: AttrDef[];
  attributes: AttrDef[];
}

export type ObjectDef = CatalogDef | DocumentDef | InfoRegisterDef;

export interface EnumDef {
  name: string;
  members: string[];
}

export const str = (length: number): FieldType => ({ kind: 'string', length });
export const num = (digits: number, scale: number): FieldType => ({ kind: 'number', digits, scale });
export const bool: FieldType = { kind: 'boolean' };
export const date: FieldType = { kind: 'date' };
export const ref = (target: string): FieldType => ({ kind: 'ref', target });
export const composite = (...targets: string[]): FieldType => ({ kind: 'composite', targets });
export const enumOf = (enumName: string): FieldType => ({ kind: 'enum', enumName });
export const attr = (name: string, type: FieldType): AttrDef => ({ name, type });
