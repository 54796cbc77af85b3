import type { Infobase } from '../store/infobase';
import { REFS } from './refs';

// Predefined data every Розница infobase has, whatever the seed: contact-information kinds
// (resolved by PredefinedDataName, ref §2.1), the ruble, and the subsystem versions record.

type Kind = { name: keyof typeof REFS.ciKinds; description: string; type: string; group: keyof typeof REFS.ciGroups };

const KINDS: Kind[] = [
  { name: 'ТелефонФизическогоЛица', description: 'Телефон', type: 'Телефон', group: 'СправочникФизическиеЛица' },
  { name: 'EmailФизическогоЛица', description: 'Email', type: 'АдресЭлектроннойПочты', group: 'СправочникФизическиеЛица' },
  { name: 'ФактАдресФизическогоЛица', description: 'Фактический адрес', type: 'Адрес', group: 'СправочникФизическиеЛица' },
  { name: 'ТелефонКонтрагента', description: 'Телефон', type: 'Телефон', group: 'СправочникКонтрагенты' },
  { name: 'EmailКонтрагента', description: 'Email', type: 'АдресЭлектроннойПочты', group: 'СправочникКонтрагенты' },
  { name: 'ЮрАдресКонтрагента', description: 'Юридический адрес', type: 'Адрес', group: 'СправочникКонтрагенты' },
  { name: 'ФактАдресКонтрагента', description: 'Фактический адрес', type: 'Адрес', group: 'СправочникКонтрагенты' },
  { name: 'ТелефонИнформационнойКарты', description: 'Телефон', type: 'Телефон', group: 'СправочникИнформационныеКарты' },
  {
    name: 'EmailИнформационнойКарты',
    description: 'Email',
    type: 'АдресЭлектроннойПочты',
    group: 'СправочникИнформационныеКарты',
  },
  { name: 'ТелефонМагазина', description: 'Телефон', type: 'Телефон', group: 'СправочникМагазины' },
  { name: 'АдресМагазина', description: 'Адрес', type: 'Адрес', group: 'СправочникМагазины' },
];

const GROUP_TITLES: Record<keyof typeof REFS.ciGroups, string> = {
  СправочникФизическиеЛица: 'Справочник "Физические лица"',
  СправочникКонтрагенты: 'Справочник "Контрагенты"',
  СправочникИнформационныеКарты: 'Справочник "Информационные карты"',
  СправочникМагазины: 'Справочник "Магазины"',
};

export function seedPredefined(ib: Infobase): void {
  const set = 'Catalog_ВидыКонтактнойИнформации';
  for (const [name, key] of Object.entries(REFS.ciGroups)) {
    ib.create(
      set,
      { Ref_Key: key, Description: GROUP_TITLES[name as keyof typeof REFS.ciGroups], IsFolder: true, Predefined: true, PredefinedDataName: name },
      { trusted: true },
    );
  }
  KINDS.forEach((k, i) => {
    ib.create(
      set,
      {
        Ref_Key: REFS.ciKinds[k.name],
        Description: k.description,
        Parent_Key: REFS.ciGroups[k.group],
        Predefined: true,
        PredefinedDataName: k.name,
        Тип: k.type,
        Используется: true,
        РазрешитьВводНесколькихЗначений: k.type !== 'Адрес',
        РеквизитДопУпорядочивания: i + 1,
      },
      { trusted: true },
    );
  });
  ib.create(
    'Catalog_Валюты',
    {
      Ref_Key: REFS.currencyRub,
      Code: '643',
      Description: 'руб.',
      НаименованиеПолное: 'Российский рубль',
      ПараметрыПрописи: 'рубль, рубля, рублей, м, копейка, копейки, копеек, ж, 2',
    },
    { trusted: true },
  );
  ib.createRecord('InformationRegister_ВерсииПодсистем', { ИмяПодсистемы: 'Розница', Версия: '2.3.22.41', ЭтоОсновнаяКонфигурация: true });
  ib.createRecord('InformationRegister_ВерсииПодсистем', {
    ИмяПодсистемы: 'СтандартныеПодсистемы',
    Версия: '3.1.9.259',
    ЭтоОсновнаяКонфигурация: false,
  });
}
