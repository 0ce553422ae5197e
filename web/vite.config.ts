/**
 * The werkplek's build: React 19 with esbuild's JSX (no plugin needed), the domain's zod schemas imported from
 * ../shared through the package's `#domain/*` imports, one chunk per route so the first page stays small.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  publicDir: 'public',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // No inline scripts or data: modules: the CSP allows script-src 'self' only.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: { port: 5173, proxy: { '/api': 'http://127.0.0.1:3000', '/_dev': 'http://127.0.0.1:3000', '/config.json': 'http://127.0.0.1:3000' } },
});
