// A writer thread that opens, then crashes on its first write: how the ledger behaves when its writer
// thread dies (ledger-writer-thread.test.ts, ledger-writer-down.test.ts).
import { parentPort } from 'node:worker_threads';
import type { ToWriter, WriterMessage } from '../../src/store/sqlite/writer-protocol.js';

if (!parentPort) throw new Error('runs as a worker thread');
parentPort.on('message', (message: ToWriter) => {
  if (message.kind === 'write') throw new Error('the disk caught fire');
});
parentPort.postMessage({ kind: 'ready' } satisfies WriterMessage);
