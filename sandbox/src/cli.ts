#!/usr/bin/env node
import { ConfigError } from './config/resolve-config.js';
import { runCli, USAGE, UsageError } from './cli/commands.js';

// Entry file: only wiring (DESIGN.md house style 4).

let stopping = false;
runCli(process.argv.slice(2), {
  out: (text) => console.log(text),
  env: process.env,
  onStop: (handler) => {
    const stop = (): void => {
      if (stopping) return;
      stopping = true;
      void handler().then(() => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  },
}).catch((error: unknown) => {
  if (error instanceof UsageError || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    console.error(`qiwi-sandbox: ${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error(`qiwi-sandbox: ${error instanceof ConfigError ? error.message : (error as Error).message}`);
  process.exit(1);
});
