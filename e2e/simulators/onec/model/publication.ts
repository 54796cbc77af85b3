import type { Schema, SetDef } from './schema';

// The published composition (ref §1.1: the interface is empty until SetStandardODataInterfaceContent).
// Tabular sections and _RecordType sets come with their owner object.
export class Publication {
  private owners = new Set<string>();
  /** Bumped on every change so $metadata caches can be invalidated. */
  version = 0;

  constructor(
    private readonly schema: Schema,
    composition: string[] | 'all' = 'all',
  ) {
    this.set(composition);
  }

  set(composition: string[] | 'all'): void {
    const names = composition === 'all' ? this.schema.topLevel : composition;
    const owners = new Set<string>();
    for (const n of names) {
      const s = this.schema.get(n);
      if (!s) throw new Error(`Unknown metadata object in composition: ${n}`);
      owners.add(s.ownerSet);
    }
    this.owners = owners;
    this.version++;
  }

  /** Top-level objects currently published, in schema order. */
  list(): string[] {
    return this.schema.topLevel.filter((n) => this.owners.has(n));
  }

  isPublished(setName: string): boolean {
    const s = this.schema.get(setName);
    return !!s && this.owners.has(s.ownerSet);
  }

  /** Published set or undefined (unpublished sets answer like missing ones). */
  find(setName: string): SetDef | undefined {
    const s = this.schema.get(setName);
    return s && this.owners.has(s.ownerSet) ? s : undefined;
  }

  sets(): SetDef[] {
    return [...this.schema.sets.values()].filter((s) => this.owners.has(s.ownerSet));
  }
}
