import { defineConfig } from 'vite';

// Relative asset paths: the built dist/ works from any folder of any static host.
export default defineConfig({
  base: './',
  build: {
    outDir: 'dist',
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    // useBestBackend imports the wasm and cpu backends lazily; the lab imports them up front, on purpose.
    rolldownOptions: { checks: { ineffectiveDynamicImport: false } },
  },
  server: { host: '127.0.0.1' },
});
