/** VAT rates: 1С enum СтавкиНДС value name ⇄ canonical VatRate, through the map in metadata-requirements.ts. */
import { VAT_RATES, type VatRate } from '../../../../shared/domain';
import { OnecMappingError } from '../errors';
import type { OnecNames } from '../metadata-requirements';

const CANONICAL = new Set<VatRate>(VAT_RATES);

export function vatFromOnec(value: unknown, names: OnecNames, what: string): VatRate {
  const v = typeof value === 'string' ? value : '';
  if (v === '') return 'none';
  const mapped = names.values.vat[v];
  if (mapped && CANONICAL.has(mapped as VatRate)) return mapped as VatRate;
  throw new OnecMappingError(`${what}: ставка НДС «${v}» из 1С не сопоставлена. Добавьте её в настройках сопоставления 1С (раздел «Ставки НДС»).`);
}

export function vatToOnec(rate: VatRate, names: OnecNames): string {
  for (const [k, v] of Object.entries(names.values.vat)) if (v === rate) return k;
  throw new OnecMappingError(`Ставке НДС «${rate}» не сопоставлено значение 1С. Добавьте её в настройках сопоставления 1С (раздел «Ставки НДС»).`);
}

/** Percent of a rate for tax arithmetic ("20/120" → 20). */
export function vatPercent(rate: VatRate): number {
  if (rate === 'none') return 0;
  return Number(rate.split('/')[0]);
}
