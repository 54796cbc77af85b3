/**
 * `npm run bench [-- name…]`: runs every bench/*.bench.ts (each exports `run(): Promise<string>`), prints the
 * figures (ratios against the limits) and keeps a copy in bench/results/. Benchmarks measure; they never fail a build.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const files = fs.readdirSync(here).filter((f) => f.endsWith('.bench.ts')).sort()
    .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)));
  if (files.length === 0) {
    console.log('Нет тестов производительности для запуска.');
    return;
  }
  const outDir = path.join(here, 'results');
  fs.mkdirSync(outDir, { recursive: true });
  for (const file of files) {
    const name = file.replace(/\.bench\.ts$/, '');
    console.log(`\n=== ${name} ===`);
    const started = Date.now();
    const mod = (await import(pathToFileURL(path.join(here, file)).href)) as { run: () => Promise<string> };
    const text = await mod.run();
    console.log(text);
    console.log(`(${name}: ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    fs.writeFileSync(path.join(outDir, `${name}.txt`), `${new Date().toISOString()}\n${text}\n`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
