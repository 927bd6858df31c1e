// vitest globalSetup: the PostgreSQL tests never skip. The test command (scripts/test.sh) starts one
// server and exports TEST_DATABASE_URL; run on its own (`vitest run`), the suite starts its own through
// the same script, and stops it at the end.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

const SCRIPT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../scripts/lib/postgres.sh');

export default function setup(project: TestProject): (() => void) | undefined {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    project.provide('databaseUrl', given);
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'qiwi-pay-pg-'));
  const url = execFileSync('bash', [SCRIPT, 'start', dir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
  project.provide('databaseUrl', url);
  return () => {
    execFileSync('bash', [SCRIPT, 'stop', dir], { stdio: 'inherit' });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
