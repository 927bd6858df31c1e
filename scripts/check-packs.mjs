// Checks what `npm pack` produced before anyone installs it, and prints each tarball's size: the
// manifest a merchant's npm reads must carry no `workspace:` range (npm cannot resolve one), and
// each package must bring its README and licence.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'packs';
const problems = [];
for (const file of readdirSync(dir)
  .filter((name) => name.endsWith('.tgz'))
  .sort()) {
  const path = join(dir, file);
  const list = execFileSync('tar', ['-tzf', path], { encoding: 'utf8' }).split('\n');
  const manifest = execFileSync('tar', ['-xzOf', path, 'package/package.json'], { encoding: 'utf8' });
  if (manifest.includes('workspace:')) problems.push(`${file}: package.json still has a workspace: range`);
  for (const required of ['package/README.md', 'package/LICENSE', 'package/package.json']) {
    if (!list.includes(required)) problems.push(`${file}: ${required.slice('package/'.length)} is missing`);
  }
  const { name, version, private: isPrivate } = JSON.parse(manifest);
  // The server serves the dashboard from its own tarball (server/scripts/copy-dashboard.mjs).
  if (name === '@qiwi-pay/server' && !list.includes('package/dist/dashboard/public/index.html'))
    problems.push(`${file}: dist/dashboard/public/index.html is missing (build the dashboard first)`);
  if (isPrivate) problems.push(`${file}: marked private`);
  console.log(
    `${path}\t${statSync(path).size} bytes\t${list.filter(Boolean).length} files\tversion ${version}`,
  );
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
