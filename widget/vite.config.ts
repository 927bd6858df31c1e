// Two library builds of the widget:
//   vite build              → dist/qiwi-pay.js   one IIFE file for the script tag, plus its SRI hash
//   vite build --mode esm   → dist/qiwi-pay.mjs  the same mount() as an ES module for bundlers
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';

function integrity(): Plugin {
  return {
    name: 'qiwi-pay-integrity',
    writeBundle(options, bundle) {
      for (const [name, chunk] of Object.entries(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const code = Buffer.from(chunk.code);
        const sri = 'sha384-' + createHash('sha384').update(code).digest('base64');
        const gzip = gzipSync(code, { level: 9 }).length;
        writeFileSync(join(options.dir ?? 'dist', `${name}.sri`), sri + '\n');
        console.log(`${name}: ${code.length} bytes, ${gzip} bytes gzip, integrity ${sri}`);
      }
    },
  };
}

export default defineConfig(({ mode }) => {
  const esm = mode === 'esm';
  return {
    plugins: [preact(), integrity()],
    // The widget reads no environment: nothing is replaced into the bundle but the production flag.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      emptyOutDir: !esm,
      minify: true,
      sourcemap: false,
      target: 'es2019',
      lib: esm
        ? { entry: 'src/index.ts', formats: ['es'], fileName: () => 'qiwi-pay.mjs' }
        : { entry: 'src/embed.ts', formats: ['iife'], name: 'QiwiPayEmbed', fileName: () => 'qiwi-pay.js' },
    },
  };
});
