// Two library builds from one config, both minified into a single file each:
//   vite build              → dist/qiwi-pay.js   IIFE for the script tag (entry src/embed.ts), with
//                             dist/qiwi-pay.js.sri and dist/integrity.json for the integrity attribute
//   vite build --mode esm   → dist/qiwi-pay.mjs  the same mount() for merchants who bundle
// Each build prints its raw and gzip size; scripts/bundle.test.ts enforces the budget.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

function integrity(): Plugin {
  return {
    name: 'qiwi-pay-integrity',
    apply: 'build',
    writeBundle(output, bundle) {
      const dir = output.dir ?? 'dist';
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const code = Buffer.from(chunk.code);
        const sri = 'sha384-' + createHash('sha384').update(code).digest('base64');
        const gzip = gzipSync(code, { level: 9 }).length;
        writeFileSync(join(dir, `${chunk.fileName}.sri`), sri + '\n');
        if (output.format === 'iife') {
          writeFileSync(
            join(dir, 'integrity.json'),
            JSON.stringify(
              { file: chunk.fileName, integrity: sri, bytes: code.length, gzipBytes: gzip },
              null,
              2,
            ) + '\n',
          );
        }
        console.log(`${chunk.fileName}: ${code.length} bytes, ${gzip} bytes gzip, integrity ${sri}`);
      }
    },
  };
}

export default defineConfig(({ mode }) => {
  const esm = mode === 'esm';
  return {
    plugins: [integrity()],
    build: {
      // The IIFE build runs first and clears dist; the ES build adds its file next to it.
      emptyOutDir: !esm,
      minify: true,
      sourcemap: false,
      target: 'es2020',
      copyPublicDir: false,
      lib: esm
        ? { entry: 'src/index.ts', formats: ['es'], fileName: () => 'qiwi-pay.mjs' }
        : { entry: 'src/embed.ts', formats: ['iife'], name: 'QiwiPayEmbed', fileName: () => 'qiwi-pay.js' },
      rolldownOptions: { output: { codeSplitting: false } },
    },
  };
});
