// Boots the notification intake in-process for tests: Express on 127.0.0.1 port 0, the raw-body
// parser exactly as the app mounts it, a capturing logger, and whatever Store the test passes.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createNotificationHandler } from '../../src/notifications/index.js';
import type { QiwiProtocol } from '../../src/qiwi/index.js';
import type { Order, Store } from '../../src/store/store.js';
import { capturingLogger } from './ledger-fixtures.js';

export interface Intake {
  readonly url: string;
  readonly store: Store;
  readonly lines: Record<string, unknown>[];
  readonly finals: Order[];
  close(): Promise<void>;
}

export async function startIntake(protocol: QiwiProtocol, store: Store): Promise<Intake> {
  const { logger, lines } = capturingLogger();
  const finals: Order[] = [];
  const app = express();
  app.post(
    '/v1/notifications/qiwi',
    express.raw({ type: () => true, limit: '64kb' }),
    createNotificationHandler({ store, protocol, logger, onOrderFinal: (o) => void finals.push(o) }),
  );
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1/notifications/qiwi`,
    store,
    lines,
    finals,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
