// @vitest-environment node
// The built dashboard as the server serves it: one page that runs under `script-src 'self';
// style-src 'self'` (no inline script, style or event handler), no secret and no environment in
// any file, and its size reported. Node-side (it reads dist/ and builds), hence in scripts/.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';

/** Gzip budget of all of dist/assets together; raise it only with a written reason here. */
const GZIP_BUDGET = 24_000;

const CANARY = 'qiwi-canary-SECRET-4f9c2e7d1b';
const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');

function newestSource(dir: string): number {
  return Math.max(
    ...readdirSync(dir, { withFileTypes: true }).map((e) =>
      e.isDirectory() ? newestSource(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs,
    ),
  );
}

/**
 * Builds with the canary in the environment (as a careless config would expose it) unless dist/ is
 * newer than every source; either way the canary must not be in the output, since nothing reads it.
 */
function ensureBuilt(): void {
  const newest = Math.max(
    newestSource(join(root, 'src')),
    ...['index.html', 'vite.config.ts', 'package.json'].map((f) => statSync(join(root, f)).mtimeMs),
  );
  const index = join(dist, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newest) return;
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  execFileSync(process.execPath, [vite, 'build'], {
    cwd: root,
    stdio: 'pipe',
    env: { ...process.env, NODE_ENV: 'production', VITE_ADMIN_TOKEN: CANARY, ADMIN_TOKEN: CANARY },
  });
}

let html = '';
let assets: { name: string; text: string; bytes: Buffer }[] = [];
beforeAll(() => {
  ensureBuilt();
  html = readFileSync(join(dist, 'index.html'), 'utf8');
  assets = readdirSync(join(dist, 'assets')).map((name) => {
    const bytes = readFileSync(join(dist, 'assets', name));
    return { name, bytes, text: bytes.toString('utf8') };
  });
});

describe('the built dashboard', () => {
  it('is one page with one script file and one stylesheet, both by relative URL', () => {
    expect(assets.map((a) => a.name.replace(/-[\w-]+\./, '.')).sort()).toEqual(['index.css', 'index.js']);
    expect(html).toMatch(/<script type="module" crossorigin src="\.\/assets\/index-[\w-]+\.js"><\/script>/);
    expect(html).toMatch(/<link rel="stylesheet" crossorigin href="\.\/assets\/index-[\w-]+\.css">/);
  });

  it('has no inline script, style or event handler (CSP script-src and style-src self)', () => {
    expect(html.match(/<script\b[^>]*>/g)).toHaveLength(1);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style\b|\sstyle=|\son\w+=/i);
    const js = assets.find((a) => a.name.endsWith('.js'))!.text;
    expect(js).not.toMatch(/\beval\(|new Function\(/);
    // Preact's own style-prop code (CSSOM, which CSP allows) is in the file; a style attribute is not.
    expect(js).not.toMatch(/setAttribute\(\s*["'`]style/);
  });

  it('carries no secret and reads no environment', () => {
    for (const file of [html, ...assets.map((a) => a.text)]) {
      for (const forbidden of [CANARY, 'process.env', 'import.meta.env', 'ADMIN_TOKEN=', 'whsec_']) {
        expect(file, forbidden).not.toContain(forbidden);
      }
    }
  });

  it(`fits the gzip budget of ${GZIP_BUDGET} bytes`, () => {
    const raw = assets.reduce((n, a) => n + a.bytes.length, 0);
    const gzip = assets.reduce((n, a) => n + gzipSync(a.bytes, { level: 9 }).length, 0);
    console.log(`dashboard dist/assets: ${raw} bytes, ${gzip} bytes gzip (budget ${GZIP_BUDGET})`);
    expect(gzip).toBeLessThanOrEqual(GZIP_BUDGET);
  });
});
