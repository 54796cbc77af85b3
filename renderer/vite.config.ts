/**
 * Renderer build: root is renderer/, output is dist/renderer at the repo root, relative asset paths so the same
 * build loads from file:// (Electron) and from the headless server.
 */
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The dev server injects an inline script (React Fast Refresh preamble) that the strict CSP in index.html forbids.
 * Drop the CSP meta in `vite` dev only; the production build keeps it untouched.
 */
function relaxCspInDev(): Plugin {
  return {
    name: 'relax-csp-in-dev',
    apply: 'serve',
    transformIndexHtml(html) {
      return html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/i, '');
    },
  };
}

export default defineConfig({
  root: here,
  base: './',
  plugins: [react(), relaxCspInDev()],
  build: {
    outDir: path.resolve(here, '../dist/renderer'),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  server: { host: '127.0.0.1', strictPort: false },
});
