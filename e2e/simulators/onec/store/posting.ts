import { EMPTY_REF, type Json, type Row } from '../edm/values';

// Posting handlers of the simulated documents (ref §1.6 Post/Unpost: handlers run, failures → 500 code -1).
// Writing in posting mode runs fill checking; plain writes do not (ref §1.6 "fill checking does not").

export interface PostingRule {
  /** Fill-check / posting-check messages; empty = can post. */
  check(doc: Row): string[];
  /** Register movements: register set name → records (without Recorder_Key/LineNumber, added by the caller). */
  movements?(doc: Row): Map<string, Row[]>;
}

const FIELD_SYNONYMS: Record<string, string> = {
  СуммаДокумента: 'Сумма документа',
  ВидЦены: 'Вид цены',
};
const title = (field: string): string => FIELD_SYNONYMS[field] ?? field;

const emptyRef = (v: Json | undefined): boolean => typeof v !== 'string' || v === EMPTY_REF;
const num = (v: Json | undefined): number => (typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : 0);
const rows = (doc: Row, ts: string): Row[] => (Array.isArray(doc[ts]) ? (doc[ts] as Row[]) : []);

const requireRefs =
  (...fields: string[]) =>
  (doc: Row): string[] =>
    fields.filter((f) => emptyRef(doc[`${f}_Key`])).map((f) => `Поле "${title(f)}" не заполнено`);

const requireSum = (doc: Row): string[] => (num(doc.СуммаДокумента) > 0 ? [] : [`Поле "${title('СуммаДокумента')}" не заполнено`]);

function checkLines(doc: Row, ts: string, refs: string[], quantity: boolean): string[] {
  const lines = rows(doc, ts);
  if (lines.length === 0) return [`Не введено ни одной строки в список "${ts}"`];
  const out: string[] = [];
  lines.forEach((line, i) => {
    for (const f of refs) {
      if (emptyRef(line[`${f}_Key`])) out.push(`Не заполнена колонка "${title(f)}" в строке ${i + 1} списка "${ts}"`);
    }
    if (quantity && !(num(line.Количество) > 0)) {
      out.push(`Не заполнена колонка "Количество" в строке ${i + 1} списка "${ts}"`);
    }
  });
  return out;
}

export const POSTING: Record<string, PostingRule> = {
  Document_ЗаказПокупателя: {
    check: (d) => [...requireRefs('Магазин', 'Контрагент')(d), ...checkLines(d, 'Товары', ['Номенклатура'], true)],
  },
  Document_ЧекККМ: {
    check: (d) => [...requireRefs('Магазин')(d), ...checkLines(d, 'Товары', ['Номенклатура'], true)],
  },
  Document_ПриходныйКассовыйОрдер: {
    check: (d) => [...requireRefs('Организация')(d), ...requireSum(d)],
  },
  Document_ОплатаОтПокупателяПлатежнойКартой: {
    check: (d) => [...requireRefs('Магазин')(d), ...requireSum(d)],
  },
  Document_РегистрацияБезналичнойОплаты: {
    check: (d) => [...requireRefs('Магазин')(d), ...requireSum(d)],
  },
  Document_УстановкаЦенНоменклатуры: {
    check: (d) => checkLines(d, 'Товары', ['Номенклатура', 'ВидЦены'], false),
    // Posting writes InformationRegister_ЦеныНоменклатуры records at the document date (ref §2.3).
    movements: (d) =>
      new Map([
        [
          'InformationRegister_ЦеныНоменклатуры',
          rows(d, 'Товары').map((line) => ({
            Period: d.Date,
            Active: true,
            ВидЦены_Key: line.ВидЦены_Key,
            Номенклатура_Key: line.Номенклатура_Key,
            Характеристика_Key: line.Характеристика_Key,
            Цена: line.Цена,
            Упаковка_Key: line.Упаковка_Key,
            Валюта: '',
          })),
        ],
      ]),
  },
};
