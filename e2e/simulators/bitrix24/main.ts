// CLI: npx tsx e2e/simulators/bitrix24/main.ts [--port N] [--seed small|large|none] [--https]
//      [--time-scale X] [--plan professional|enterprise] [--batch-billing submethods|batch]
import { describe, startBitrix24Simulator, type Bitrix24SimOptions } from './index';

function parseArgs(argv: string[]): Bitrix24SimOptions {
  const opts: Bitrix24SimOptions = { seed: 'small' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = (): string => argv[++i] ?? '';
    if (a === '--port') opts.port = Number(next());
    else if (a === '--seed') opts.seed = next() as Bitrix24SimOptions['seed'];
    else if (a === '--https') opts.https = true;
    else if (a === '--host') opts.host = next();
    else if (a === '--time-scale') opts.timeScale = Number(next());
    else if (a === '--plan') opts.plan = next() as Bitrix24SimOptions['plan'];
    else if (a === '--batch-billing') opts.batchBilling = next() as Bitrix24SimOptions['batchBilling'];
    else if (a === '--help' || a === '-h') {
      console.log(describe());
      process.exit(0);
    }
  }
  return opts;
}

const sim = await startBitrix24Simulator(parseArgs(process.argv.slice(2)));
console.log(`Bitrix24 simulator: ${sim.url}`);
console.log(`Webhook URL: ${sim.webhookUrl}`);
console.log(`Control API: ${sim.url}/_sim/`);
const stop = (): void => {
  void sim.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
