// A writer thread that opens, then crashes on its first write: how the ledger behaves when its writer
// thread dies (ledger-writer-thread.test.ts).
import { parentPort } from 'node:worker_threads';

if (!parentPort) throw new Error('runs as a worker thread');
parentPort.on('message', (message: { kind: string }) => {
  if (message.kind === 'writes') throw new Error('the disk caught fire');
});
parentPort.postMessage({ kind: 'ready' });
