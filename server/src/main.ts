#!/usr/bin/env node
// Entry point: read and validate the configuration, open the ledger, listen, and shut down gracefully.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from './config/config.js';
import { createRuntime } from './runtime.js';

export async function serve(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const runtime = await createRuntime(config);
  const { url } = await runtime.listen();
  // With BASE_PATH the URL shown is the one the button's data-backend takes.
  runtime.logger.info(
    { url: url + config.basePath, protocol: config.qiwi.protocol },
    'qiwi-pay server listening',
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    runtime.logger.info({ signal }, 'shutting down');
    runtime.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  serve().catch((error: unknown) => {
    console.error('qiwi-pay server failed to start:', (error as Error).message);
    process.exit(1);
  });
}
