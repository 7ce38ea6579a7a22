import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

// vite.config.ts roots at client/; tests live at the top, so vitest gets its own root.
export default defineConfig({
  plugins: [vue()],
  root: '.',
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['test/support/global-setup.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
