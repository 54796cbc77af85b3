import { startOnecSimulator } from './index';
import type { SeedKind } from './seed';

// CLI: npx tsx e2e/simulators/onec/main.ts [--port N] [--seed small|large|none] [--base retail] [--slow-first MS]

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const seed = (arg('seed') ?? 'small') as SeedKind;
if (!['none', 'small', 'large'].includes(seed)) {
  console.error(`Unknown seed: ${seed} (none | small | large)`);
  process.exit(2);
}

const started = Date.now();
const sim = await startOnecSimulator({
  port: Number(arg('port') ?? 0),
  seed,
  base: arg('base') ?? 'retail',
  slowFirstRequestMs: Number(arg('slow-first') ?? 0),
});
console.log(`1С:Розница 2.3 OData simulator (seed ${seed}, ready in ${Date.now() - started} ms)`);
console.log(`OData URL: ${sim.url}`);
console.log(`User:      ${sim.user}`);
console.log(`Password:  ${sim.password}`);
console.log(`Control:   http://127.0.0.1:${sim.port}/_sim/health`);

const stop = () => {
  void sim.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
