// One static build (dist/index.html, dist/assets/*.js and *.css with hashed names, dist/favicon.svg)
// that the server serves under <BASE_PATH>/dashboard/. Relative URLs (base './') keep it working
// under any BASE_PATH. No inline script or style ends up in index.html, so the page runs under
// `script-src 'self'; style-src 'self'`; scripts/bundle.test.ts checks that and the size.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';

function reportSize(): Plugin {
  return {
    name: 'qiwi-pay-dashboard-size',
    apply: 'build',
    closeBundle() {
      const assets = join('dist', 'assets');
      let raw = 0;
      let gzip = 0;
      for (const file of readdirSync(assets)) {
        const bytes = readFileSync(join(assets, file));
        raw += statSync(join(assets, file)).size;
        gzip += gzipSync(bytes, { level: 9 }).length;
      }
      console.log(`dashboard assets: ${raw} bytes, ${gzip} bytes gzip`);
    },
  };
}

export default defineConfig({
  base: './',
  plugins: [preact(), reportSize()],
  build: {
    target: 'es2020',
    sourcemap: false,
    // The preload polyfill would be an inline script; one entry chunk needs none.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
