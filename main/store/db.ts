/** Opens the SQLite database in the data folder and brings its schema up to date. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../core/errors';
import { migrations as defaultMigrations, type Migration } from './migrations';

export type Db = Database.Database;
export const DB_FILE = 'exchange.sqlite';

export function checksum(sql: string): string {
  return crypto.createHash('sha256').update(sql.trim()).digest('hex');
}

export function openDatabase(dataDir: string | ':memory:', migrations: Migration[] = defaultMigrations): Db {
  let db: Db;
  if (dataDir === ':memory:') {
    db = new Database(':memory:');
  } else {
    fs.mkdirSync(dataDir, { recursive: true });
    db = new Database(path.join(dataDir, DB_FILE));
    db.pragma('journal_mode = WAL');
  }
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  try {
    migrate(db, migrations);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

export function migrate(db: Db, migrations: Migration[]): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Map<number, { checksum: string; name: string }>();
  for (const row of db.prepare('SELECT id, name, checksum FROM schema_migrations').all() as Array<{ id: number; name: string; checksum: string }>) {
    applied.set(row.id, row);
  }
  const known = new Set(migrations.map((m) => m.id));
  for (const id of applied.keys()) {
    if (!known.has(id)) {
      throw new AppError('CONFIG', `База данных создана более новой версией программы (миграция ${id} неизвестна). Установите последнюю версию программы.`);
    }
  }
  const sorted = [...migrations].sort((a, b) => a.id - b.id);
  const insert = db.prepare('INSERT INTO schema_migrations (id, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  for (const m of sorted) {
    const sum = checksum(m.sql);
    const done = applied.get(m.id);
    if (done) {
      if (done.checksum !== sum) {
        throw new AppError('CONFIG', `Схема базы данных не совпадает с этой версией программы (миграция ${m.id} «${m.name}» изменена). Восстановите базу из резервной копии или обратитесь в поддержку.`);
      }
      continue;
    }
    db.transaction(() => {
      db.exec(m.sql);
      insert.run(m.id, m.name, sum, new Date().toISOString());
    })();
  }
}
