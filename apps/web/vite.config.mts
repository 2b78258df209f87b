import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// React's JSX through Vite's own transform (no @vitejs/plugin-react: its Babel peer range does
// not resolve next to this repository's jest). The API serves the build from apps/web/dist.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 800 },
  server: { proxy: { '/api': 'http://localhost:3000', '/health': 'http://localhost:3000' } },
});
