// Part of the server's build: copies the dashboard's built files (@qiwi-pay/dashboard, a workspace
// dev dependency) into dist/dashboard/public, so the server package serves them when installed
// from its tarball alone.
import { cpSync, existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const source = join(dirname(require.resolve('@qiwi-pay/dashboard/package.json')), 'dist');
const target = fileURLToPath(new URL('../dist/dashboard/public', import.meta.url));
if (!existsSync(join(source, 'index.html'))) {
  console.error(
    `copy-dashboard: ${source}/index.html is missing; build the dashboard first (pnpm run build)`,
  );
  process.exit(1);
}
rmSync(target, { recursive: true, force: true });
cpSync(source, target, { recursive: true });
console.log(`copy-dashboard: ${source} -> ${target}`);
