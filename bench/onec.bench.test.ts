import { describe, expect, it } from 'vitest';
import { run } from './onec.bench';

describe('1С change-scan benchmark', () => {
  it('runs end to end on a small volume and reports every phase', async () => {
    const text = await run({ persons: 2000 });
    const lines = text.split('\n');
    const row = (prefix: string) => lines.find((l) => l.startsWith(prefix))?.split(/\s{2,}/) ?? [];
    expect(row('первичная загрузка')[2]).toBe(row('первичная загрузка')[1]); // everything delivered once
    expect(row('нет изменений')[2]).toBe('0'); // idle scan delivers nothing
    expect(row('изменено 1 %')[2]).toBe('20');
  }, 60_000);

  it('keeps snapshots in SQLite on request (as the app does)', async () => {
    const text = await run({ persons: 500, companies: 20, store: 'sqlite' });
    const row = (prefix: string) => text.split('\n').find((l) => l.startsWith(prefix))?.split(/\s{2,}/) ?? [];
    expect(text).toContain('SQLite');
    expect(row('первичная загрузка')[2]).toBe(row('первичная загрузка')[1]);
    expect(row('нет изменений')[2]).toBe('0');
    expect(row('изменено 1 %')[2]).toBe('5');
  }, 60_000);
});
