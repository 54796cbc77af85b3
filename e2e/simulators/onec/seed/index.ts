import { randomUUID } from 'node:crypto';
import type { Infobase } from '../store/infobase';
import { DEFAULT_LARGE, seedLarge, type LargeCounts } from './large';
import { seedPredefined } from './predefined';
import { seedReference } from './reference';
import { guidFrom, mulberry32 } from './rng';
import { seedSmall } from './small';

export type SeedKind = 'none' | 'small' | 'large';
export { REFS } from './refs';
export type { LargeCounts } from './large';

/** Wipe the infobase and fill it deterministically (same GUIDs on every run). */
export function applySeed(ib: Infobase, kind: SeedKind, large: Partial<LargeCounts> = {}): void {
  ib.store.clear();
  const rng = mulberry32(kind === 'large' ? 2024 : 42);
  ib.store.guid = () => guidFrom(rng);
  try {
    seedPredefined(ib);
    if (kind === 'none') return;
    seedReference(ib);
    if (kind === 'small') seedSmall(ib, rng);
    else seedLarge(ib, rng, { ...DEFAULT_LARGE, ...large });
  } finally {
    ib.store.guid = () => randomUUID();
  }
}
