import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { CONTENT_SECURITY_POLICY } from './src/app/csp.ts';

/**
 * Puts the Content Security Policy into the built index.html, right after the charset. Only the build:
 * the dev server runs React's refresh preamble as an inline script, which the policy forbids.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'ler-content-security-policy',
    apply: 'build',
    transformIndexHtml(html) {
      const charset = '<meta charset="UTF-8" />';
      if (!html.includes(charset)) throw new Error('index.html lost its charset meta; the CSP goes right after it');
      return html.replace(charset, `${charset}\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`);
    },
  };
}

/**
 * Emits sw.js with the list of files to cache for offline use: every built file except the engine
 * bundle that browsers without wasm exceptions use (mvp; it is cached on first use instead), plus the
 * page and its icon. The list's hash names the cache, so a new build replaces the old cache.
 */
function serviceWorker(): Plugin {
  return {
    name: 'ler-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const built = Object.keys(bundle).filter(
        (file) => file !== 'index.html' && !/duckdb-(mvp|browser-mvp)/.test(file) && !file.endsWith('.map'),
      );
      const precache = ['/', '/favicon.svg', ...built.map((file) => `/${file}`)].sort();
      const version = createHash('sha256').update(precache.join('\n')).digest('hex').slice(0, 12);
      const template = readFileSync(new URL('./src/app/service-worker.js', import.meta.url), 'utf8');
      if (!template.includes('self.__LER_PRECACHE__') || !template.includes('self.__LER_VERSION__'))
        throw new Error('service-worker.js lost its placeholders');
      const source = template
        .replace('self.__LER_PRECACHE__', JSON.stringify(precache))
        .replace('self.__LER_VERSION__', JSON.stringify(version));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), serviceWorker()],
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
  build: { chunkSizeWarningLimit: 1500, assetsInlineLimit: 0 },
  preview: { host: '127.0.0.1' },
  test: {
    reporters: ['default', ['json', { outputFile: process.env.LER_TEST_REPORT ?? 'test-results/vitest.json' }]],
    setupFiles: ['test/support/fast-check-seed.ts'],
    // Vitest leaves one core free by default, which on a 2-core machine runs every file in turn; two
    // workers run the engine tests two files at a time. The browser tests run after them, one file at a
    // time: run beside the engine tests they slowed both threefold (tried in two processes).
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // A figure the page is still computing is waited for, not failed: on a loaded CI machine a
          // recomputation after a reload took over the default second.
          expect: { poll: { timeout: 30_000 } },
          fileParallelism: false,
        },
      },
    ],
  },
});
