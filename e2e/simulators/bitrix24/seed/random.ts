// Deterministic generators for seed data.
import { mulberry32 } from '../../common/rng';

export class SeedRandom {
  private next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  float(): number {
    return this.next();
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)];
  }

  /** 1С-style reference GUID */
  guid(): string {
    const hex = (n: number): string => Array.from({ length: n }, () => Math.floor(this.next() * 16).toString(16)).join('');
    return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
  }

  phone(): string {
    return `+79${String(this.int(0, 999_999_999)).padStart(9, '0')}`;
  }
}
