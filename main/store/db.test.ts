import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './db';
import type { Migration } from './migrations';

const m1: Migration = { id: 1, name: 'one', sql: 'CREATE TABLE a (x INTEGER);' };
const m2: Migration = { id: 2, name: 'two', sql: 'CREATE TABLE b (y INTEGER);' };

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'db-test-'));
}

describe('openDatabase migrations', () => {
  it('applies pending migrations in order and only once', () => {
    const dir = tmpDir();
    openDatabase(dir, [m1]).close();
    const db = openDatabase(dir, [m2, m1]);
    const ids = db.prepare('SELECT id FROM schema_migrations ORDER BY id').all() as Array<{ id: number }>;
    expect(ids.map((r) => r.id)).toEqual([1, 2]);
    expect(() => db.prepare('INSERT INTO b (y) VALUES (1)').run()).not.toThrow();
    db.close();
  });

  it('refuses a database whose applied migration text changed', () => {
    const dir = tmpDir();
    openDatabase(dir, [m1]).close();
    expect(() => openDatabase(dir, [{ ...m1, sql: 'CREATE TABLE a (x TEXT);' }])).toThrow(/миграция 1/);
  });

  it('refuses a database made by a newer build', () => {
    const dir = tmpDir();
    openDatabase(dir, [m1, m2]).close();
    expect(() => openDatabase(dir, [m1])).toThrow(/более новой версией/);
  });

  it('rolls back a failing migration entirely', () => {
    const dir = tmpDir();
    const bad: Migration = { id: 2, name: 'bad', sql: 'CREATE TABLE c (z INTEGER); CREATE TABLE c (z INTEGER);' };
    expect(() => openDatabase(dir, [m1, bad])).toThrow();
    const db = openDatabase(dir, [m1]);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type='table' AND name='c'").all();
    expect(tables).toEqual([]);
    db.close();
  });

  it('creates the real schema', () => {
    const db = openDatabase(':memory:');
    const names = (db.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as Array<{ name: string }>).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['runs', 'log_entries', 'schema_migrations']));
    db.close();
  });
});
