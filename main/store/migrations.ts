/**
 * Ordered schema migrations. Applied at open, each in a transaction, and checksummed: an applied migration whose
 * text changed means the database was made by an incompatible build, and we refuse to guess (ARCHITECTURE.md §7).
 * Never edit a migration that has shipped — add a new one.
 */
export interface Migration {
  id: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
    id: 1,
    name: 'runs and log',
    sql: `
      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        dry_run INTEGER NOT NULL DEFAULT 0,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        outcome TEXT,
        counts_json TEXT NOT NULL DEFAULT '{}',
        message TEXT NOT NULL DEFAULT ''
      );
      CREATE TABLE log_entries (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        level TEXT NOT NULL,
        module TEXT NOT NULL,
        message TEXT NOT NULL,
        run_id TEXT REFERENCES runs(id)
      );
      CREATE INDEX log_entries_at ON log_entries(at);
      CREATE INDEX log_entries_run ON log_entries(run_id);
    `,
  },
  {
    id: 2,
    name: '1С change-detection snapshots',
    sql: `
      CREATE TABLE onec_snapshots (
        scope TEXT NOT NULL,
        id TEXT NOT NULL,
        version TEXT NOT NULL,
        date TEXT,
        open INTEGER,
        tag TEXT,
        PRIMARY KEY (scope, id)
      ) WITHOUT ROWID;
    `,
  },
];
