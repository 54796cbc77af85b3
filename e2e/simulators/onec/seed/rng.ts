// Seed helpers on top of the shared deterministic PRNG.
import { mulberry32, type Rng } from '../../common/rng';

export { mulberry32, type Rng };

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');

/** Deterministic GUID (v4 layout) from an Rng. */
export function guidFrom(rng: Rng): string {
  const w = () => Math.floor(rng() * 0x100000000);
  const a = w();
  const b = w();
  const c = w();
  const d = w();
  return (
    `${hex(a, 8)}-${hex(b >>> 16, 4)}-${hex(((b & 0x0fff) | 0x4000) >>> 0, 4)}-` +
    `${hex(((c >>> 16) & 0x3fff) | 0x8000, 4)}-${hex(c & 0xffff, 4)}${hex(d, 8)}`
  );
}

export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];
export const int = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
