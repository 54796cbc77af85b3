/**
 * Composition and drift check (ref §1.1, §1.11): compares the published `$metadata` with what the mapping needs
 * (metadata-requirements.ts) and says in Russian exactly what is missing and how to publish it — grouped by
 * the feature that needs it. Used by "Проверить подключение" and at connector start-up.
 */
import { hasBoundFunction, setProperties, tabularProperties, type ODataModel } from './metadata';
import type { FeatureId, FeatureRequirement } from './metadata-requirements';

export interface MissingSet {
  feature: FeatureId;
  featureTitle: string;
  set: string;
  /** Full metadata name for УстановитьСоставСтандартногоИнтерфейсаOData, e.g. `Справочник.ФизическиеЛица`. */
  metadataName: string;
}

export interface MissingField {
  feature: FeatureId;
  set: string;
  field: string;
  /** Tabular section the field belongs to. */
  tabular?: string;
  /** Optional fields are skipped when absent; required ones block the feature. */
  optional: boolean;
  /** What the exchange loses without this optional field (Russian). */
  degraded?: string;
}

export interface MissingFunction {
  feature: FeatureId;
  set: string;
  name: string;
}

export interface CompositionReport {
  missingSets: MissingSet[];
  /** Sets that only improve the exchange (SetRequirement.optionalSet): reported as warnings. */
  missingOptionalSets: MissingSet[];
  missingFields: MissingField[];
  missingFunctions: MissingFunction[];
  /** Features that can work (all sets, required fields and functions present). */
  readyFeatures: FeatureId[];
  blockedFeatures: FeatureId[];
}

const PREFIXES: [string, string][] = [
  ['Catalog_', 'Справочник'],
  ['Document_', 'Документ'],
  ['DocumentJournal_', 'ЖурналДокументов'],
  ['Constant_', 'Константа'],
  ['ExchangePlan_', 'ПланОбмена'],
  ['ChartOfAccounts_', 'ПланСчетов'],
  ['ChartOfCalculationTypes_', 'ПланВидовРасчета'],
  ['ChartOfCharacteristicTypes_', 'ПланВидовХарактеристик'],
  ['InformationRegister_', 'РегистрСведений'],
  ['AccumulationRegister_', 'РегистрНакопления'],
  ['CalculationRegister_', 'РегистрРасчета'],
  ['AccountingRegister_', 'РегистрБухгалтерии'],
  ['BusinessProcess_', 'БизнесПроцесс'],
  ['Task_', 'Задача'],
];

/** `Catalog_ФизическиеЛица` → `Справочник.ФизическиеЛица`; `…_RecordType` → the register itself (ref §1.3). */
export function metadataNameOf(entitySet: string): string {
  for (const [prefix, kind] of PREFIXES) {
    if (entitySet.startsWith(prefix)) return `${kind}.${entitySet.slice(prefix.length).replace(/_RecordType$/, '')}`;
  }
  return entitySet;
}

export function checkComposition(model: ODataModel, requirements: FeatureRequirement[]): CompositionReport {
  const report: CompositionReport = { missingSets: [], missingOptionalSets: [], missingFields: [], missingFunctions: [], readyFeatures: [], blockedFeatures: [] };
  for (const req of requirements) {
    let blocked = false;
    for (const s of req.sets) {
      const props = setProperties(model, s.set);
      if (!props) {
        const missing = { feature: req.feature, featureTitle: req.title, set: s.set, metadataName: metadataNameOf(s.set) };
        if (s.optionalSet) {
          report.missingOptionalSets.push(missing);
        } else {
          report.missingSets.push(missing);
          blocked = true;
        }
        continue;
      }
      const miss = (field: string, optional: boolean, tabular?: string): void => {
        const degraded = optional ? s.degraded?.[field] : undefined;
        report.missingFields.push({ feature: req.feature, set: s.set, field, optional, ...(tabular ? { tabular } : {}), ...(degraded ? { degraded } : {}) });
        if (!optional) blocked = true;
      };
      for (const f of s.fields) if (!props.has(f)) miss(f, false);
      for (const f of s.optionalFields ?? []) if (!props.has(f)) miss(f, true);
      // A section listed only in optionalTabular is optional as a whole.
      for (const ts of new Set([...Object.keys(s.tabular ?? {}), ...Object.keys(s.optionalTabular ?? {})])) {
        const required = s.tabular?.[ts];
        const rowProps = tabularProperties(model, s.set, ts);
        if (!rowProps) {
          miss(ts, !required);
          continue;
        }
        for (const f of required ?? []) if (!rowProps.has(f)) miss(f, false, ts);
        for (const f of s.optionalTabular?.[ts] ?? []) if (!rowProps.has(f)) miss(f, true, ts);
      }
      for (const fn of s.functions ?? []) {
        if (!hasBoundFunction(model, s.set, fn)) {
          report.missingFunctions.push({ feature: req.feature, set: s.set, name: fn });
          blocked = true;
        }
      }
    }
    (blocked ? report.blockedFeatures : report.readyFeatures).push(req.feature);
  }
  return report;
}

/** Code of an external data processor that adds the given objects to the OData composition (ref §1.1). */
export function compositionSnippet(metadataNames: string[]): string {
  const names = [...new Set(metadataNames)].join(',');
  return [
    'Состав = ПолучитьСоставСтандартногоИнтерфейсаOData();',
    `Для Каждого ПолноеИмя Из СтрРазделить("${names}", ",") Цикл`,
    '    ОбъектМетаданных = Метаданные.НайтиПоПолномуИмени(ПолноеИмя);',
    '    Если ОбъектМетаданных <> Неопределено И Состав.Найти(ОбъектМетаданных) = Неопределено Тогда',
    '        Состав.Добавить(ОбъектМетаданных);',
    '    КонецЕсли;',
    'КонецЦикла;',
    'УстановитьСоставСтандартногоИнтерфейсаOData(Состав);',
  ].join('\n');
}

/** Steps to publish objects, shared by the "empty composition" and "sets missing" cases. */
export function publishStepsHint(metadataNames: string[]): string {
  return [
    'Как добавить объекты в состав OData (конфигурацию менять не нужно):',
    '1. Откройте 1С в режиме «1С:Предприятие» под пользователем с полными правами.',
    '2. Если в конфигурации есть обработка «Настройка стандартного интерфейса OData» (БСП: Администрирование → Общие настройки → Интеграция с другими программами), отметьте в ней перечисленные объекты и сохраните.',
    '3. Иначе создайте внешнюю обработку, которая на сервере выполняет код ниже (вызов УстановитьСоставСтандартногоИнтерфейсаOData), откройте её через Файл → Открыть и запустите:',
    compositionSnippet(metadataNames),
    '4. Нажмите «Проверить подключение» ещё раз.',
  ].join('\n');
}

/** Russian, one line per feature: «Заказы покупателей: Документ.ЗаказПокупателя». */
export function describeMissingSets(missing: MissingSet[]): string {
  const byFeature = new Map<string, string[]>();
  for (const m of missing) byFeature.set(m.featureTitle, [...(byFeature.get(m.featureTitle) ?? []), `${m.metadataName} (${m.set})`]);
  return [...byFeature].map(([title, sets]) => `${title}: ${sets.join(', ')}`).join('; ');
}

/** Russian, one per optional field that costs something: «Document_X.Отменено — отмена заказа не передаётся». */
export function describeDegraded(missing: MissingField[]): string[] {
  return missing.filter((m) => m.optional && m.degraded).map((m) => `${m.set}${m.tabular ? `.${m.tabular}` : ''}.${m.field} — ${m.degraded}`);
}

export function describeMissingFields(missing: MissingField[]): string {
  return missing
    .map((m) => `${m.set}${m.tabular ? `.${m.tabular}` : ''}.${m.field}${m.optional ? ' (необязательное)' : ''}`)
    .join(', ');
}
