import { describe, expect, it } from 'vitest';
import { hasBoundFunction, parseMetadata } from './metadata';

const R = 'InformationRegister_ЦеныНоменклатуры';

function csdl(functions: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<edmx:Edmx xmlns:edmx="http://schemas.microsoft.com/ado/2007/06/edmx" Version="1.0">
 <edmx:DataServices xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata" m:DataServiceVersion="3.0">
  <Schema xmlns="http://schemas.microsoft.com/ado/2009/11/edm" Namespace="StandardODATA">
   <EntityType Name="${R}"><Key><PropertyRef Name="Recorder_Key"/></Key><Property Name="Recorder_Key" Type="Edm.Guid" Nullable="false"/></EntityType>
   <EntityType Name="${R}_RecordType"><Key><PropertyRef Name="Recorder_Key"/><PropertyRef Name="LineNumber"/></Key><Property Name="Recorder_Key" Type="Edm.Guid"/><Property Name="LineNumber" Type="Edm.Int64"/></EntityType>
   <EntityType Name="Document_ЗаказПокупателя"><Key><PropertyRef Name="Ref_Key"/></Key><Property Name="Ref_Key" Type="Edm.Guid" Nullable="false"/></EntityType>
   <EntityType Name="Document_ЧекККМ"><Key><PropertyRef Name="Ref_Key"/></Key><Property Name="Ref_Key" Type="Edm.Guid" Nullable="false"/></EntityType>
   <EntityContainer Name="EnterpriseV8" m:IsDefaultEntityContainer="true">
    <EntitySet Name="${R}" EntityType="StandardODATA.${R}"/>
    <EntitySet Name="${R}_RecordType" EntityType="StandardODATA.${R}_RecordType"/>
    <EntitySet Name="Document_ЗаказПокупателя" EntityType="StandardODATA.Document_ЗаказПокупателя"/>
    <EntitySet Name="Document_ЧекККМ" EntityType="StandardODATA.Document_ЧекККМ"/>
    <FunctionImport Name="Post" IsBindable="true" IsSideEffecting="true"><Parameter Name="bindingParameter" Type="StandardODATA.Document_ЧекККМ"/></FunctionImport>
    ${functions}
   </EntityContainer>
  </Schema>
 </edmx:DataServices>
</edmx:Edmx>`;
}

const slice = (binding: string) =>
  `<FunctionImport Name="SliceLast" IsBindable="true" IsSideEffecting="false" ReturnType="Collection(StandardODATA.${binding})"><Parameter Name="bindingParameter" Type="StandardODATA.${binding}"/><Parameter Name="Condition" Type="Edm.String"/><Parameter Name="Period" Type="Edm.DateTime"/></FunctionImport>`;

describe('bound functions in $metadata (ref §1.3, §1.9)', () => {
  it('finds SliceLast of a recorder-subordinate register whether the CSDL binds it to X_RecordType or to the record set X', () => {
    expect(hasBoundFunction(parseMetadata(csdl(slice(`${R}_RecordType`))), `${R}_RecordType`, 'SliceLast')).toBe(true);
    expect(hasBoundFunction(parseMetadata(csdl(slice(R))), `${R}_RecordType`, 'SliceLast')).toBe(true);
  });

  it('reports a function that is really missing, and does not take another set\'s binding', () => {
    const model = parseMetadata(csdl(''));
    expect(hasBoundFunction(model, `${R}_RecordType`, 'SliceLast')).toBe(false);
    expect(hasBoundFunction(model, 'Document_ЧекККМ', 'Post')).toBe(true);
    expect(hasBoundFunction(model, 'Document_ЗаказПокупателя', 'Post')).toBe(false);
  });
});
