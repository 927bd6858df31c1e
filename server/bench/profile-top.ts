// Summarises a V8 CPU profile (`node --cpu-prof`, see BENCH_PROFILE_DIR in bench.ts): the functions
// with the most self time, and the share of active time spent under each module.
//   node dist-bench/bench/profile-top.js FILE.cpuprofile [N]

import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-top.js FILE.cpuprofile [N]');
const top = Number(topArg ?? 15);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

const IDLE = new Set(['(idle)', '(program)', '(garbage collector)']);
const shortUrl = (url: string) =>
  url.replace(/^file:\/\//, '').replace(/.*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, '') || '(native)';
let total = 0;
let idle = 0;
const fns = new Map<string, number>();
const modules = new Map<string, number>();
for (const [id, us] of self) {
  const node = byId.get(id);
  if (!node) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  total += us;
  if (functionName === '(idle)') {
    idle += us;
    continue;
  }
  const key = IDLE.has(functionName)
    ? functionName
    : `${functionName || '(anonymous)'} ${shortUrl(url)}:${lineNumber + 1}`;
  fns.set(key, (fns.get(key) ?? 0) + us);
  const mod = IDLE.has(functionName) ? functionName : shortUrl(url).split('/').slice(0, 2).join('/');
  modules.set(mod, (modules.get(mod) ?? 0) + us);
}
const active = total - idle;

// Inclusive time: each sample counts once for every distinct function on its stack.
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const label = (n: ProfileNode) =>
  `${n.callFrame.functionName || '(anonymous)'} ${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
const inclusive = new Map<string, number>();
for (const [id, us] of self) {
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const node = byId.get(at);
    if (!node || node.callFrame.functionName === '(idle)' || node.callFrame.functionName === '(root)')
      continue;
    if (!node.callFrame.url) continue;
    seen.add(label(node));
  }
  if (byId.get(id)?.callFrame.functionName === '(idle)') continue;
  for (const key of seen) inclusive.set(key, (inclusive.get(key) ?? 0) + us);
}
const pct = (us: number) => `${((100 * us) / active).toFixed(1).padStart(5)}%`;
console.log(
  `${file}\nsampled ${(total / 1e6).toFixed(1)} s, active ${(active / 1e6).toFixed(1)} s (${((100 * active) / total).toFixed(0)}%)\n`,
);
console.log('self time, top functions (share of active time):');
for (const [key, us] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`  ${pct(us)}  ${key}`);
console.log('\nself time by module:');
for (const [key, us] of [...modules].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`  ${pct(us)}  ${key}`);
console.log('\ninclusive time, top functions with a source (share of active time):');
for (const [key, us] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top * 2))
  console.log(`  ${pct(us)}  ${key}`);
