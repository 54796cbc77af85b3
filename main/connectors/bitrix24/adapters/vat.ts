/** VAT rates: canonical VatRate ("20", "20/120", "none") ⇄ the portal's numeric rates (null = без НДС). */
import { VAT_RATES, type VatRate } from '../../../../shared/domain';

/** 20 for "20" and "20/120"; null for "none". */
export function rateOf(v: VatRate): number | null {
  if (v === 'none') return null;
  const n = Number(String(v).split('/')[0]);
  return Number.isFinite(n) ? n : null;
}

/** The canonical rate for a portal rate; an unknown rate reads as "none". */
export function vatRateFromNumber(rate: unknown, known: readonly string[] = KNOWN_RATES()): VatRate {
  if (rate === null || rate === undefined || rate === '') return 'none';
  const r = String(Number(rate));
  return (known.includes(r) ? r : 'none') as VatRate;
}

function KNOWN_RATES(): readonly string[] {
  return VAT_RATES.filter((v) => v !== 'none' && !v.includes('/'));
}
