import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The gateway serves dist/ at / (Gateway:WebRoot). `npm run dev` proxies the API to a running gateway.
const offset = Number(process.env.BRIGADE_PORT_OFFSET ?? 0);
const gateway = process.env.BRIGADE_WEB_URL ?? `http://127.0.0.1:${5000 + offset}`;

export default defineConfig({
  plugins: [react(), tailwindcss()],
  build: {
    manifest: true,
    sourcemap: false,
    target: 'es2022',
    chunkSizeWarningLimit: 400,
  },
  server: {
    proxy: {
      '/api': gateway,
      '/hubs': { target: gateway, ws: true },
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['src/test/setup.ts'],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          environment: 'node',
          testTimeout: 240_000,
          hookTimeout: 90_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
