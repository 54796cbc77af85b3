/**
 * The narrow connector interface (ARCHITECTURE.md, convention 10): per entity, list changes since a cursor,
 * get, create, update, mark deleted, and find a record by the other system's id (crash recovery / idempotency).
 * Retries and rate limiting live in each system's client wrapper, not in the adapters.
 */
import type { EntityDataMap, EntityType, SourceRecord } from '../../shared/domain';

export interface ChangePage<T> {
  records: SourceRecord<T>[];
  /** Native ids found deleted (or marked for deletion) since the cursor. */
  deletedIds: string[];
  /** Cursor to pass next time; opaque to the engine, persisted by it. */
  nextCursor: string;
  /** More pages are available right now with nextCursor. */
  hasMore: boolean;
}

export interface WriteOptions {
  /** The other system's id of this record: written with the record (ORIGIN_ID / XML_ID / 1С marker) so a retry finds it. */
  externalRef?: string;
  /** Stable id of this write in the journal. */
  operationId?: string;
  /** Refuse the write when the record's current version differs (no blind overwrite). */
  expectedVersion?: string;
}

export interface EntityAdapter<K extends EntityType> {
  readonly entity: K;
  listChanges(cursor: string | null): Promise<ChangePage<EntityDataMap[K]>>;
  get(id: string): Promise<SourceRecord<EntityDataMap[K]> | null>;
  create(data: EntityDataMap[K], options: WriteOptions): Promise<SourceRecord<EntityDataMap[K]>>;
  update(id: string, data: EntityDataMap[K], options: WriteOptions): Promise<SourceRecord<EntityDataMap[K]>>;
  markDeleted(id: string, options: WriteOptions): Promise<void>;
  findByExternalRef(externalRef: string): Promise<SourceRecord<EntityDataMap[K]> | null>;
}
