import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'main',
          environment: 'node',
          include: [
            'src/main/**/*.test.ts',
            'src/shared/**/*.test.ts',
            'tests/admin-sim/**/*.test.ts',
          ],
          // Child-process tests (two writers, the CLI) need more than the
          // default five seconds on a loaded two-core machine.
          testTimeout: 30_000,
        },
      },
      {
        plugins: [react()],
        resolve: {
          alias: {
            '@renderer': resolve(import.meta.dirname, 'src/renderer/src'),
          },
        },
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['src/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['src/renderer/src/test-setup.ts'],
        },
      },
    ],
  },
});
