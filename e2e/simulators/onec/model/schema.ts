import { CATALOGS } from './catalogs';
import { DOCUMENTS } from './documents';
import { REGISTERS } from './registers';
import type { AttrDef, CatalogDef, DocumentDef, FieldType, InfoRegisterDef, ObjectDef } from './types';

// OData view of the configuration: entity sets, their properties, keys and navigation (ref §1.3, §1.4).

export type PropKind =
  | 'guid' // Ref_Key, Recorder_Key
  | 'ref' // X_Key of a reference attribute
  | 'composite' // value part of a composite attribute (Edm.String)
  | 'compositeType' // X_Type part of a composite attribute
  | 'string'
  | 'int'
  | 'double'
  | 'boolean'
  | 'date'
  | 'enum'
  | 'dataversion'
  | 'tabular';

export interface PropDef {
  name: string;
  /** Edm type or Collection(StandardODATA.X_RowType). */
  edm: string;
  nullable: boolean;
  kind: PropKind;
  /** Attribute name without the _Key/_Type suffix. */
  base: string;
  /** ref: target set; composite: allowed targets. */
  target?: string;
  targets?: string[];
  maxLength?: number;
  scale?: number;
  enumName?: string;
  /** Standard fields a client cannot set (DataVersion, Predefined, Posted…). */
  readOnly?: boolean;
  /** For kind 'tabular': the TS set name. */
  tabularSet?: string;
}

export interface NavDef {
  name: string;
  keyProp: string;
  target: string;
}

export type SetKind = 'catalog' | 'document' | 'tabular' | 'register' | 'recordSet' | 'recordType';

export interface SetDef {
  name: string;
  kind: SetKind;
  def: ObjectDef;
  /** Top-level object set this set belongs to (itself for objects and independent registers). */
  ownerSet: string;
  tsName?: string;
  props: PropDef[];
  propMap: Map<string, PropDef>;
  navs: NavDef[];
  navMap: Map<string, NavDef>;
  keys: string[];
  /** For object sets: tabular-section sets, by TS name. */
  tabulars: Map<string, SetDef>;
  /** ComplexType name of the rows (TS sets, record-set rows). */
  rowType?: string;
  functions: string[];
  openType: boolean;
  /** A published view with some fields hidden (Publication.hideFields): rows must be projected through `props`. */
  restricted?: boolean;
}

const edmForNumber = (digits: number, scale: number): string =>
  scale > 0 ? 'Edm.Double' : digits <= 4 ? 'Edm.Int16' : 'Edm.Int64';

/** Properties of plain attributes; composite `_Type` parts are returned separately (they go last). */
function attrProps(attrs: AttrDef[], nullable = true): { props: PropDef[]; typeProps: PropDef[]; navs: NavDef[] } {
  const props: PropDef[] = [];
  const typeProps: PropDef[] = [];
  const navs: NavDef[] = [];
  for (const a of attrs) {
    const p = fieldProp(a.name, a.type, nullable);
    props.push(p);
    if (a.type.kind === 'ref') navs.push({ name: a.name, keyProp: p.name, target: a.type.target });
    if (a.type.kind === 'composite') {
      typeProps.push({ name: `${a.name}_Type`, edm: 'Edm.String', nullable, kind: 'compositeType', base: a.name });
    }
  }
  return { props, typeProps, navs };
}

export function fieldProp(name: string, t: FieldType, nullable = true): PropDef {
  switch (t.kind) {
    case 'string':
      return { name, edm: 'Edm.String', nullable, kind: 'string', base: name, maxLength: t.length };
    case 'number':
      return t.scale > 0
        ? { name, edm: 'Edm.Double', nullable, kind: 'double', base: name, scale: t.scale }
        : { name, edm: edmForNumber(t.digits, 0), nullable, kind: 'int', base: name };
    case 'boolean':
      return { name, edm: 'Edm.Boolean', nullable, kind: 'boolean', base: name };
    case 'date':
      return { name, edm: 'Edm.DateTime', nullable, kind: 'date', base: name };
    case 'ref':
      return { name: `${name}_Key`, edm: 'Edm.Guid', nullable, kind: 'ref', base: name, target: t.target };
    case 'composite':
      return { name, edm: 'Edm.String', nullable, kind: 'composite', base: name, targets: t.targets };
    case 'enum':
      return { name, edm: 'Edm.String', nullable, kind: 'enum', base: name, enumName: t.enumName };
  }
}

const std = (name: string, edm: string, kind: PropKind, extra: Partial<PropDef> = {}): PropDef => ({
  name,
  edm,
  nullable: true,
  kind,
  base: name,
  ...extra,
});

function makeSet(partial: Omit<SetDef, 'propMap' | 'navMap'>): SetDef {
  return {
    ...partial,
    propMap: new Map(partial.props.map((p) => [p.name, p])),
    navMap: new Map(partial.navs.map((n) => [n.name, n])),
  };
}

function tabularSets(ownerSet: string, def: CatalogDef | DocumentDef): SetDef[] {
  return def.tabular.map((ts) => {
    const name = `${ownerSet}_${ts.name}`;
    const { props, typeProps, navs } = attrProps(ts.attrs);
    return makeSet({
      name,
      kind: 'tabular',
      def,
      ownerSet,
      tsName: ts.name,
      props: [
        std('Ref_Key', 'Edm.Guid', 'guid', { nullable: false, target: ownerSet }),
        std('LineNumber', 'Edm.Int64', 'int', { nullable: false, readOnly: true }),
        ...props,
        ...typeProps,
      ],
      navs,
      keys: ['Ref_Key', 'LineNumber'],
      tabulars: new Map(),
      rowType: `${name}_RowType`,
      functions: [],
      openType: false,
    });
  });
}

function objectSet(def: CatalogDef | DocumentDef): SetDef[] {
  const name = `${def.kind}_${def.name}`;
  const tss = tabularSets(name, def);
  const { props, typeProps, navs } = attrProps(def.attrs);
  const head: PropDef[] = [std('Ref_Key', 'Edm.Guid', 'guid', { nullable: false, target: name })];
  const allNavs: NavDef[] = [];
  if (def.kind === 'Catalog') {
    head.push(
      std('Predefined', 'Edm.Boolean', 'boolean', { readOnly: true }),
      std('PredefinedDataName', 'Edm.String', 'string', { readOnly: true }),
      std('DataVersion', 'Edm.String', 'dataversion', { readOnly: true }),
      std('Description', 'Edm.String', 'string', { maxLength: def.descriptionLength }),
    );
    if (def.codeLength > 0) {
      head.push(
        def.codeType === 'number'
          ? std('Code', 'Edm.Int64', 'int')
          : std('Code', 'Edm.String', 'string', { maxLength: def.codeLength }),
      );
    }
    if (def.hierarchical) {
      head.push(std('Parent_Key', 'Edm.Guid', 'ref', { base: 'Parent', target: name }), std('IsFolder', 'Edm.Boolean', 'boolean'));
      allNavs.push({ name: 'Parent', keyProp: 'Parent_Key', target: name });
    }
    head.push(std('DeletionMark', 'Edm.Boolean', 'boolean'));
  } else {
    head.push(
      std('DataVersion', 'Edm.String', 'dataversion', { readOnly: true }),
      std('Number', 'Edm.String', 'string', { maxLength: def.numberLength }),
      std('Date', 'Edm.DateTime', 'date'),
      std('DeletionMark', 'Edm.Boolean', 'boolean'),
      std('Posted', 'Edm.Boolean', 'boolean', { readOnly: true }),
    );
  }
  const tsProps = tss.map((ts) =>
    std(ts.tsName as string, `Collection(StandardODATA.${ts.rowType})`, 'tabular', { tabularSet: ts.name }),
  );
  allNavs.push(...navs);
  const set = makeSet({
    name,
    kind: def.kind === 'Catalog' ? 'catalog' : 'document',
    def,
    ownerSet: name,
    props: [...head, ...props, ...tsProps, ...typeProps],
    navs: allNavs,
    keys: ['Ref_Key'],
    tabulars: new Map(tss.map((t) => [t.tsName as string, t])),
    functions: def.kind === 'Document' ? ['Post', 'Unpost'] : [],
    openType: def.kind === 'Document',
  });
  return [set, ...tss];
}

function registerSets(def: InfoRegisterDef): SetDef[] {
  const name = `InformationRegister_${def.name}`;
  const periodic = def.periodicity !== 'none';
  const dims = attrProps(def.dimensions, false);
  const rest = attrProps([...def.resources, ...def.attributes]);
  const period = periodic ? [std('Period', 'Edm.DateTime', 'date', { nullable: false })] : [];
  const dimKeys = [...dims.props.map((p) => p.name), ...dims.typeProps.map((p) => p.name)];
  const slices = periodic ? ['SliceLast', 'SliceFirst'] : [];
  if (def.recorders.length === 0) {
    return [
      makeSet({
        name,
        kind: 'register',
        def,
        ownerSet: name,
        props: [...period, ...dims.props, ...rest.props, ...dims.typeProps, ...rest.typeProps],
        navs: [...dims.navs, ...rest.navs],
        keys: [...period.map((p) => p.name), ...dimKeys],
        tabulars: new Map(),
        functions: slices,
        openType: false,
      }),
    ];
  }
  // Recorder-subordinate: record-set view keyed by Recorder_Key (one recorder type) + _RecordType (ref §1.3).
  const recordType = `${name}_RecordType`;
  const recordProps: PropDef[] = [
    std('Recorder_Key', 'Edm.Guid', 'guid', { target: def.recorders[0], readOnly: true }),
    ...period,
    std('LineNumber', 'Edm.Int64', 'int', { readOnly: true }),
    std('Active', 'Edm.Boolean', 'boolean'),
    ...dims.props,
    ...rest.props,
    ...dims.typeProps,
    ...rest.typeProps,
  ];
  const recordSet = makeSet({
    name,
    kind: 'recordSet',
    def,
    ownerSet: name,
    props: [
      std('Recorder_Key', 'Edm.Guid', 'guid', { nullable: false, target: def.recorders[0] }),
      std('RecordSet', `Collection(StandardODATA.${name}_RowType)`, 'tabular', { tabularSet: recordType }),
    ],
    navs: [],
    keys: ['Recorder_Key'],
    tabulars: new Map(),
    rowType: `${name}_RowType`,
    functions: [],
    openType: false,
  });
  const records = makeSet({
    name: recordType,
    kind: 'recordType',
    def,
    ownerSet: name,
    props: recordProps,
    navs: [...dims.navs, ...rest.navs],
    keys: [...period.map((p) => p.name), ...dimKeys],
    tabulars: new Map(),
    rowType: `${name}_RowType`,
    functions: slices,
    openType: false,
  });
  return [recordSet, records];
}

export class Schema {
  readonly sets = new Map<string, SetDef>();
  /** Top-level objects (catalogs, documents, registers) in declaration order. */
  readonly topLevel: string[] = [];

  constructor(objects: ObjectDef[]) {
    for (const def of objects) {
      const sets = def.kind === 'InformationRegister' ? registerSets(def) : objectSet(def);
      this.topLevel.push(sets[0].name);
      for (const s of sets) this.sets.set(s.name, s);
    }
  }

  get(name: string): SetDef | undefined {
    return this.sets.get(name);
  }

  /** Document synonym / catalog name for messages and presentations. */
  synonymOf(setName: string): string {
    const s = this.sets.get(setName);
    return s ? s.def.synonym : setName;
  }
}

export const RETAIL_OBJECTS: ObjectDef[] = [...CATALOGS, ...DOCUMENTS, ...REGISTERS];

let shared: Schema | undefined;
/** The Розница 2.3 schema is immutable; build it once per process. */
export function retailSchema(): Schema {
  shared ??= new Schema(RETAIL_OBJECTS);
  return shared;
}
