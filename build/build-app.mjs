// Bundles the Electron shell (main process + sandboxed preload) with esbuild into dist/app/.
// better-sqlite3 stays external: electron-builder rebuilds it for Electron's ABI at packaging time.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node22', format: 'cjs', sourcemap: true, logLevel: 'info' };

await build({ ...common, entryPoints: ['main/app/main.ts'], outfile: 'dist/app/main.cjs', external: ['electron', 'better-sqlite3'] });
await build({ ...common, entryPoints: ['main/app/preload.ts'], outfile: 'dist/app/preload.cjs', external: ['electron'] });
