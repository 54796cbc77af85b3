/**
 * Benchmark of the 1С connector: change scan of 50,000 customers with contact information against the 1С
 * simulator (run in a child process, so this process's CPU is the connector's own: HTTP client, JSON parsing,
 * mapping, diffing). Phases: initial load (everything is new), idle scan (nothing changed), 1 % edited in 1С.
 * Figures per phase: requests, bytes received, wall time, CPU per object, peak memory of this process.
 *
 * `run()` returns printable text; `npm run bench` (bench/run.ts, written by the lead) prints it.
 * Environment (the default run, 52,001 customers, takes about 15 s):
 * - ONEC_BENCH_PERSONS — persons in the simulator (default 50,000; the roadmap target is 100,000 records);
 * - ONEC_BENCH_COMPANIES — companies (default 2,000);
 * - ONEC_BENCH_STORE=sqlite — keep snapshots in SQLite on disk as the app does (default: in memory, which counts
 *   the snapshot itself in this process's heap — the conservative figure).
 * Peak heap includes garbage V8 has not collected yet; to check the working set, run with
 * NODE_OPTIONS=--max-old-space-size=… (applies to this process only, not to the simulator).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import axios from 'axios';
import { createOnecConnector, type OnecConnector } from '../main/connectors/onec/connector';
import { MemorySnapshotStore, type SnapshotStore } from '../main/connectors/onec/snapshot';
import { openDatabase, type Db } from '../main/store/db';
import { SqliteSnapshotStore } from '../main/store/snapshots';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Sim {
  url: string;
  user: string;
  password: string;
  control: string;
  child: ChildProcess;
}

async function startSimulator(counts: { persons: number; companies?: number }): Promise<Sim> {
  const script = `
    import { startOnecSimulator } from './e2e/simulators/onec/index.ts';
    const sim = await startOnecSimulator({ seed: 'large', largeCounts: ${JSON.stringify(counts)} });
    process.stdout.write(JSON.stringify({ url: sim.url, user: sim.user, password: sim.password, port: sim.port }) + '\\n');
    process.on('SIGTERM', () => sim.close().then(() => process.exit(0)));
  `;
  // NODE_OPTIONS (e.g. --max-old-space-size to check the connector fits a heap limit) is for this process only.
  const env = { ...process.env, NODE_OPTIONS: '' };
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
  let buffer = '';
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const nl = buffer.indexOf('\n');
      if (nl >= 0) resolve(buffer.slice(0, nl));
    });
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
  });
  const info = JSON.parse(line) as { url: string; user: string; password: string; port: number };
  return { ...info, control: `http://127.0.0.1:${info.port}/_sim`, child };
}

interface PhaseResult {
  name: string;
  objects: number;
  delivered: number;
  deleted: number;
  requests: number;
  bytesIn: number;
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
  peakHeapMb: number;
}

async function phase(name: string, connector: OnecConnector, cursor: string | null, objects: number): Promise<{ result: PhaseResult; cursor: string }> {
  const stats = connector.client.stats;
  const req0 = stats.requests;
  const bytes0 = stats.bytesIn;
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, 10);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let delivered = 0;
  let deleted = 0;
  let next = cursor;
  for (;;) {
    const page = await connector.customer.listChanges(next);
    delivered += page.records.length;
    deleted += page.deletedIds.length;
    next = page.nextCursor;
    sample();
    if (!page.hasMore) break;
  }
  // The last page is acknowledged by the next phase's first call, as the engine does on its next run.
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(timer);
  sample();
  return {
    cursor: next as string,
    result: {
      name,
      objects,
      delivered,
      deleted,
      requests: stats.requests - req0,
      bytesIn: stats.bytesIn - bytes0,
      wallMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      peakRssMb: peakRss / 2 ** 20,
      peakHeapMb: peakHeap / 2 ** 20,
    },
  };
}

function table(rows: PhaseResult[]): string {
  const head = ['фаза', 'объектов', 'выдано', 'удалено', 'запросов', 'получено, МБ', 'время, с', 'CPU, мс', 'CPU на объект, мкс', 'пик RSS, МБ', 'пик heap, МБ'];
  const body = rows.map((r) => [
    r.name,
    String(r.objects),
    String(r.delivered),
    String(r.deleted),
    String(r.requests),
    (r.bytesIn / 2 ** 20).toFixed(1),
    (r.wallMs / 1000).toFixed(2),
    r.cpuMs.toFixed(0),
    ((r.cpuMs * 1000) / Math.max(1, r.objects)).toFixed(1),
    r.peakRssMb.toFixed(0),
    r.peakHeapMb.toFixed(0),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  return [fmt(head), fmt(widths.map((w) => '-'.repeat(w))), ...body.map(fmt)].join('\n');
}

function envCount(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw.replace(/[_\s]/g, ''));
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name}: ожидается целое число, получено «${raw}»`);
  return n;
}

export async function run(options: { persons?: number; companies?: number; store?: 'memory' | 'sqlite' } = {}): Promise<string> {
  const persons = options.persons ?? envCount('ONEC_BENCH_PERSONS') ?? 50_000;
  const companies = options.companies ?? envCount('ONEC_BENCH_COMPANIES');
  const storeKind = options.store ?? (process.env.ONEC_BENCH_STORE === 'sqlite' ? 'sqlite' : 'memory');
  const started = performance.now();
  const sim = await startSimulator(companies === undefined ? { persons } : { persons, companies });
  const seedSeconds = (performance.now() - started) / 1000;
  let db: Db | null = null;
  const dbDir = storeKind === 'sqlite' ? fs.mkdtempSync(path.join(os.tmpdir(), 'onec-bench-')) : null;
  try {
    let snapshots: SnapshotStore = new MemorySnapshotStore();
    if (dbDir) snapshots = new SqliteSnapshotStore((db = openDatabase(dbDir)));
    const connector = await createOnecConnector(
      { url: sim.url, user: sim.user, password: sim.password },
      { timeZone: 'Europe/Moscow', pageSize: 500 },
      { snapshots },
    );
    const control = axios.create({ baseURL: sim.control });
    const folders = 'IsFolder eq false';
    const customers = (await connector.client.count('Catalog_ФизическиеЛица', folders)) + (await connector.client.count('Catalog_Контрагенты', folders));

    const results: PhaseResult[] = [];
    const initial = await phase('первичная загрузка', connector, null, customers);
    results.push(initial.result);
    const idle = await phase('нет изменений', connector, initial.cursor, customers);
    results.push(idle.result);

    const keys = await connector.client.all('Catalog_ФизическиеЛица', { select: ['Ref_Key'], filter: folders, orderby: 'Ref_Key', pageSize: 5000 });
    const edited = keys.filter((_, i) => i % 100 === 0).map((r) => String(r.Ref_Key));
    for (const id of edited) await control.patch(`/objects/${encodeURIComponent('Catalog_ФизическиеЛица')}/${id}`, { Комментарий: 'изменено для замера' });
    const changed = await phase(`изменено 1 % (${edited.length})`, connector, idle.cursor, customers);
    results.push(changed.result);

    return [
      `1С OData: сканирование изменений покупателей (физические лица с контактной информацией + контрагенты), ${customers} объектов.`,
      `Симулятор 1С в отдельном процессе (наполнение ${seedSeconds.toFixed(1)} с); CPU и память — только этого процесса (коннектор: HTTP, JSON, сопоставление, сравнение).`,
      `Снимки: ${storeKind === 'sqlite' ? 'SQLite на диске, как в приложении' : 'в памяти этого процесса'}.`,
      '',
      table(results),
      '',
      'Первичная загрузка читает всё крупными страницами (справочники, ФИО, карты); сканирование без изменений — только Ref_Key, DataVersion, DeletionMark страницами по 5000 и карты.',
    ].join('\n');
  } finally {
    sim.child.kill('SIGTERM');
    await once(sim.child, 'exit').catch(() => undefined);
    db?.close();
    if (dbDir) fs.rmSync(dbDir, { recursive: true, force: true });
  }
}
