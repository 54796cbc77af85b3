import { ENUMS } from '../model/enums';
import type { Publication } from '../model/publication';
import type { PropDef, SetDef } from '../model/schema';

// $metadata: EDMX / CSDL of OData v3 with namespace StandardODATA, listing only the published
// composition (ref §1.1–§1.3). Layout follows a real 1С answer: EntityType, ComplexType (_RowType),
// EnumType, Association, then EntityContainer "EnterpriseV8" with EntitySet and bound FunctionImport.

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

const propXml = (p: PropDef, keyNames: ReadonlySet<string>): string =>
  `<Property Name="${esc(p.name)}" Type="${esc(p.edm)}" Nullable="${keyNames.has(p.name) ? 'false' : String(p.nullable)}"/>`;

function entityType(set: SetDef, pub: Publication, lines: string[]): void {
  const keys = new Set(set.keys);
  lines.push(`<EntityType Name="${esc(set.name)}"${set.openType ? ' OpenType="true"' : ''}>`);
  lines.push('<Key>', ...set.keys.map((k) => `<PropertyRef Name="${esc(k)}"/>`), '</Key>');
  for (const p of set.props) lines.push(propXml(p, keys));
  for (const n of set.navs) {
    if (!pub.isPublished(n.target)) continue;
    lines.push(
      `<NavigationProperty Name="${esc(n.name)}" Relationship="StandardODATA.${esc(`${set.name}_${n.name}`)}" FromRole="Begin" ToRole="End"/>`,
    );
  }
  lines.push('</EntityType>');
}

function complexType(name: string, props: PropDef[], lines: string[]): void {
  lines.push(`<ComplexType Name="${esc(name)}">`);
  for (const p of props) lines.push(propXml(p, new Set()));
  lines.push('</ComplexType>');
}

function functionImports(set: SetDef, lines: string[]): void {
  for (const fn of set.functions) {
    const binding = `<Parameter Name="bindingParameter" Type="StandardODATA.${esc(set.name)}"/>`;
    if (fn === 'Post' || fn === 'Unpost') {
      lines.push(
        `<FunctionImport Name="${fn}" IsBindable="true" IsSideEffecting="true">`,
        binding,
        '<Parameter Name="PostingModeOperational" Type="Edm.Boolean"/>',
        '</FunctionImport>',
      );
    } else {
      lines.push(
        `<FunctionImport Name="${fn}" IsBindable="true" IsSideEffecting="false" ReturnType="Collection(StandardODATA.${esc(set.name)})">`,
        binding,
        '<Parameter Name="Condition" Type="Edm.String"/>',
        '<Parameter Name="Period" Type="Edm.DateTime"/>',
        '</FunctionImport>',
      );
    }
  }
}

export function buildMetadata(pub: Publication): string {
  const sets = pub.sets();
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<edmx:Edmx xmlns:edmx="http://schemas.microsoft.com/ado/2007/06/edmx" Version="1.0">',
    '<edmx:DataServices xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata" m:DataServiceVersion="3.0" m:MaxDataServiceVersion="3.0">',
    '<Schema xmlns="http://schemas.microsoft.com/ado/2009/11/edm" Namespace="StandardODATA">',
  ];
  for (const s of sets) entityType(s, pub, lines);
  for (const s of sets) {
    if (s.kind === 'tabular') complexType(s.rowType as string, s.props, lines);
    if (s.kind === 'recordType') complexType(s.rowType as string, s.props, lines);
  }
  for (const e of ENUMS) {
    lines.push(`<EnumType Name="${esc(e.name)}" UnderlyingType="Edm.Int32">`);
    for (const m of e.members) lines.push(`<Member Name="${esc(m)}"/>`);
    lines.push('</EnumType>');
  }
  for (const s of sets) {
    for (const n of s.navs) {
      if (!pub.isPublished(n.target)) continue;
      lines.push(
        `<Association Name="${esc(`${s.name}_${n.name}`)}">`,
        `<End Role="Begin" Type="StandardODATA.${esc(s.name)}" Multiplicity="*"/>`,
        `<End Role="End" Type="StandardODATA.${esc(n.target)}" Multiplicity="0..1"/>`,
        '</Association>',
      );
    }
  }
  lines.push('<EntityContainer Name="EnterpriseV8" m:IsDefaultEntityContainer="true">');
  for (const s of sets) lines.push(`<EntitySet Name="${esc(s.name)}" EntityType="StandardODATA.${esc(s.name)}"/>`);
  for (const s of sets) functionImports(s, lines);
  lines.push('</EntityContainer>', '</Schema>', '</edmx:DataServices>', '</edmx:Edmx>');
  return lines.join('\n');
}
