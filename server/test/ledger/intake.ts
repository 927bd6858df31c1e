// Boots the notification intake in-process for tests: Express on 127.0.0.1 port 0 with the very route
// the app mounts (notificationRoutes), a capturing logger, and whatever ledger the test passes.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Ledger } from '../../src/ledger/index.js';
import { notificationRoutes } from '../../src/notifications/index.js';
import type { QiwiProtocol } from '../../src/qiwi/index.js';
import { capturingLogger } from './ledger-fixtures.js';

export interface Intake {
  readonly url: string;
  readonly ledger: Ledger;
  readonly lines: Record<string, unknown>[];
  /** The outbox's event types for an order: how the merchant hears of a final status. */
  outboxTypes(orderId?: string): Promise<string[]>;
  close(): Promise<void>;
}

export async function startIntake(protocol: QiwiProtocol, ledger: Ledger): Promise<Intake> {
  const { logger, lines } = capturingLogger();
  const app = express();
  app.use(notificationRoutes({ ledger, protocol, logger }));
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1/notifications/qiwi`,
    ledger,
    lines,
    outboxTypes: async (orderId) =>
      (await ledger.listWebhooks({ ...(orderId ? { orderId } : {}), limit: 100 })).map((w) => w.type),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
