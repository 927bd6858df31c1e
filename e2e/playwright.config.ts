// The checkout suite runs in Debian's Chromium (Playwright cannot download its own browser here)
// against the built widget, server, sandbox and demo shop.
import { defineConfig } from '@playwright/test';
import { PORTS } from './support/ports.js';

export default defineConfig({
  testDir: 'specs',
  workers: 1,
  timeout: 60_000,
  reporter: [['list']],
  globalSetup: './support/global-setup.ts',
  use: {
    ignoreHTTPSErrors: true,
    trace: 'off',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        `--host-resolver-rules=MAP bill.qiwi.com:443 127.0.0.1:${PORTS.sandboxHttps},MAP oplata.qiwi.com:443 127.0.0.1:${PORTS.sandboxHttps}`,
      ],
    },
  },
});
