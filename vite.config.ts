import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('./client', import.meta.url)),
  plugins: [vue()],
  // vue-i18n's compile-time switches: the composition API only, no global <i18n-t>/v-t
  // components, no devtools hooks, and our own small message compiler instead of vue-i18n's
  // parser (client/src/i18n/message-compiler.ts); what they leave out is tree-shaken from every
  // screen.
  define: {
    __VUE_I18N_FULL_INSTALL__: false,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
    __INTLIFY_DROP_MESSAGE_COMPILER__: true,
  },
  build: {
    outDir: fileURLToPath(new URL('./dist/client', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    // bench/bundle.bench.ts walks it to weigh what each screen downloads.
    manifest: true,
    rollupOptions: {
      output: {
        // Zod and the jitless switch in one chunk, so the switch is set before any module that
        // parses at load time runs (else zod probes for eval and the CSP reports a violation).
        manualChunks: (id: string) => (/node_modules\/zod\/|zod-jitless/.test(id) ? 'zod' : undefined),
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/socket.io': { target: 'http://localhost:3000', ws: true },
    },
  },
});
