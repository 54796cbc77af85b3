import { attr, bool, composite, date, num, ref, str, type InfoRegisterDef } from './types';

// Information registers of ref §2.1, §2.3 (+ BSP ВерсииПодсистем so a client can read the version).
export const REGISTERS: InfoRegisterDef[] = [
  {
    kind: 'InformationRegister',
    name: 'ФИОФизЛиц',
    synonym: 'ФИО физических лиц',
    periodicity: 'day', // independent, periodic Day (ref §2.1)
    recorders: [],
    dimensions: [attr('ФизЛицо', composite('Catalog_ФизическиеЛица', 'Catalog_Организации'))],
    resources: [attr('Фамилия', str(50)), attr('Имя', str(50)), attr('Отчество', str(50))],
    attributes: [],
  },
  {
    kind: 'InformationRegister',
    name: 'ЦеныНоменклатуры',
    synonym: 'Цены номенклатуры',
    periodicity: 'second',
    recorders: ['Document_УстановкаЦенНоменклатуры'], // recorder-subordinate (ref §2.3)
    dimensions: [
      attr('ВидЦены', ref('Catalog_ВидыЦен')),
      attr('Номенклатура', ref('Catalog_Номенклатура')),
      attr('Характеристика', ref('Catalog_ХарактеристикиНоменклатуры')),
    ],
    resources: [attr('Цена', num(15, 2)), attr('Упаковка', ref('Catalog_УпаковкиНоменклатуры')), attr('Валюта', str(10))],
    attributes: [],
  },
  {
    kind: 'InformationRegister',
    name: 'Штрихкоды',
    synonym: 'Штрихкоды',
    periodicity: 'none',
    recorders: [],
    // ref §2.3: dims Штрихкод, Владелец (composite), Характеристика, Упаковка, ТипШтрихкода; resource Дата.
    dimensions: [
      attr('Штрихкод', str(200)),
      attr(
        'Владелец',
        composite('Catalog_Номенклатура', 'Catalog_ИнформационныеКарты', 'Catalog_СерийныеНомера', 'Catalog_Справки2ЕГАИС'),
      ),
      attr('Характеристика', ref('Catalog_ХарактеристикиНоменклатуры')),
      attr('Упаковка', ref('Catalog_УпаковкиНоменклатуры')),
      attr('ТипШтрихкода', ref('ChartOfCharacteristicTypes_ТипыШтрихкодов')),
    ],
    resources: [attr('Дата', date)],
    attributes: [],
  },
  {
    kind: 'InformationRegister',
    name: 'ВерсииПодсистем',
    synonym: 'Версии подсистем',
    periodicity: 'none',
    recorders: [],
    dimensions: [attr('ИмяПодсистемы', str(150))],
    resources: [attr('Версия', str(23)), attr('ЭтоОсновнаяКонфигурация', bool)],
    attributes: [],
  },
];
