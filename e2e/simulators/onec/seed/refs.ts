// Fixed GUIDs of reference data, identical in every seed (tests and the exchange engine can rely on them).

const g = (group: number, n: number): string =>
  `${group.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export const REFS = {
  // Predefined items (exist even with seed 'none').
  ciGroups: {
    СправочникФизическиеЛица: g(0x1c1, 1),
    СправочникКонтрагенты: g(0x1c1, 2),
    СправочникИнформационныеКарты: g(0x1c1, 3),
    СправочникМагазины: g(0x1c1, 4),
  },
  ciKinds: {
    ТелефонФизическогоЛица: g(0x1c1, 0x11),
    EmailФизическогоЛица: g(0x1c1, 0x12),
    ФактАдресФизическогоЛица: g(0x1c1, 0x13),
    ТелефонКонтрагента: g(0x1c1, 0x21),
    EmailКонтрагента: g(0x1c1, 0x22),
    ЮрАдресКонтрагента: g(0x1c1, 0x23),
    ФактАдресКонтрагента: g(0x1c1, 0x24),
    ТелефонИнформационнойКарты: g(0x1c1, 0x31),
    EmailИнформационнойКарты: g(0x1c1, 0x32),
    ТелефонМагазина: g(0x1c1, 0x41),
    АдресМагазина: g(0x1c1, 0x42),
  },
  currencyRub: g(0xc0, 1),
  // Reference data of the 'small' and 'large' seeds.
  organization: g(0x0a, 1),
  stores: { main: g(0x5a, 1), second: g(0x5a, 2) },
  warehouses: { main: g(0x3a, 1), second: g(0x3a, 2) },
  cashRegisters: { main: g(0xcc, 1), second: g(0xcc, 2) },
  priceTypes: { retail: g(0x9c, 1), purchase: g(0x9c, 2) },
  pricingRules: { main: g(0x9d, 1), second: g(0x9d, 2) },
  units: { pcs: g(0xe1, 1), kg: g(0xe1, 2), l: g(0xe1, 3) },
  paymentKinds: { cash: g(0x0b, 1), card: g(0x0b, 2), bonus: g(0x0b, 3) },
  discountCardKinds: { discount5: g(0xdc, 1), discount10: g(0xdc, 2) },
  counterparties: { retailBuyer: g(0xca, 1) },
  productFolder: g(0x9f, 1),
  personFolder: g(0x7f, 1),
} as const;
