// The README's code blocks as the tests run them. A block that a test runs carries a title in its
// fence (```sh title="install"), so the README and the test cannot drift apart: the test reads the
// text a merchant copies.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const REPOSITORY = fileURLToPath(new URL('../..', import.meta.url));

/** Every titled block of a Markdown file, by title. */
export function titledBlocks(file: string): Map<string, string> {
  const text = readFileSync(file, 'utf8');
  const blocks = new Map<string, string>();
  for (const match of text.matchAll(/^```\w+ title="([^"]+)"\n([\s\S]*?)^```$/gm)) {
    const [, title, body] = match as unknown as [string, string, string];
    if (blocks.has(title)) throw new Error(`${file}: two blocks are titled "${title}"`);
    blocks.set(title, body);
  }
  return blocks;
}

export function block(blocks: Map<string, string>, title: string): string {
  const body = blocks.get(title);
  if (body === undefined) throw new Error(`the README has no block titled "${title}"`);
  return body;
}

/** A port nobody listens on now, on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The environment a merchant's shell has: this process's, less what npm and pnpm set for the scripts
 * they run (a merchant's npm would warn about pnpm's settings, or read this workspace's package).
 */
function merchantEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^(npm_|PNPM_|pnpm_)/.test(name) && name !== 'npm_config_nodedir') delete env[name];
  }
  return { ...env, ...extra };
}

/** A shell command run to its end; rejects with its output when it fails. */
export function run(script: string, cwd: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-euo', 'pipefail', '-c', script], {
      cwd,
      env: merchantEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`exit ${code} from:\n${script}\n${output}`)),
    );
  });
}

/** A long-running command (a "terminal" of the README) in its own process group, with its output. */
export interface Terminal {
  readonly child: ChildProcess;
  output(): string;
  /** Resolves once the output contains `text` (bounded by `ms`). */
  waitFor(text: string | RegExp, ms?: number): Promise<void>;
  stop(): Promise<void>;
}

export function terminal(script: string, cwd: string, env: NodeJS.ProcessEnv = {}): Terminal {
  const child = spawn('bash', ['-euo', 'pipefail', '-c', script], {
    cwd,
    env: merchantEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    child,
    output: () => output,
    async waitFor(text, ms = 20_000) {
      const deadline = Date.now() + ms;
      const seen = () => (typeof text === 'string' ? output.includes(text) : text.test(output));
      while (!seen()) {
        if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}:\n${output}`);
        if (Date.now() > deadline) throw new Error(`no ${String(text)} within ${ms} ms:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      // The whole group: npx and the shell run the program as a child.
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    },
  };
}
