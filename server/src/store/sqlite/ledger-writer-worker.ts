// The ledger's writer thread: it owns the one SQLite connection that writes, runs every write operation
// of the ledger there (ledger.ts, unchanged) through the group commit, and answers only after the COMMIT
// that holds the write has returned: with synchronous=FULL, after the disk has it. The disk wait and
// the SQL now block this thread, not the event loop that parses requests and checks signatures.

import { parentPort, workerData } from 'node:worker_threads';
import { createLedger, type Ledger, type RejectedRetention } from '../../ledger/index.js';
import { openSqliteRepository } from './sqlite-repository.js';
import {
  serializeError,
  type ToWriter,
  type WriteOutcome,
  type WriteRequest,
  type WriterMessage,
} from './writer-protocol.js';

export interface WriterData {
  readonly path: string;
  readonly rejectedRetention?: RejectedRetention;
}

if (!parentPort) throw new Error('ledger-writer-worker.ts runs as a worker thread (ledger-writer-thread.ts)');
const port = parentPort;
const say = (message: WriterMessage) => port.postMessage(message);
const { path, rejectedRetention } = workerData as WriterData;

let repository: ReturnType<typeof openSqliteRepository>;
try {
  repository = openSqliteRepository(path);
} catch (error) {
  say({ kind: 'failed', error: serializeError(error) });
  throw error;
}

// One ledger per operation, whose clock is the caller's time: operations of one group run later than
// they arrive, each must stamp what it writes with the moment its caller asked.
const ledgerAt = (now: string): Ledger =>
  createLedger({
    repository,
    clock: () => new Date(now),
    ...(rejectedRetention ? { rejectedRetention } : {}),
  });

// Outcomes wait for the end of this turn of the event loop, so a group's all go back in one message.
let outcomes: WriteOutcome[] = [];
const sendOutcomes = () => {
  if (outcomes.length === 0) return;
  say({ kind: 'outcomes', outcomes });
  outcomes = [];
};
const answer = (outcome: WriteOutcome) => {
  if (outcomes.push(outcome) === 1) setImmediate(sendOutcomes);
};

async function write({ id, op, args, now }: WriteRequest): Promise<void> {
  try {
    const operation = ledgerAt(now)[op] as (...a: readonly unknown[]) => Promise<unknown>;
    answer({ id, ok: true, value: await operation(...args) });
  } catch (error) {
    answer({ id, ok: false, error: serializeError(error) });
  }
}

// Writes asked for and not answered yet: a close waits for them (some operations are two transactions).
const inFlight = new Set<Promise<void>>();

port.on('message', (message: ToWriter) => {
  if (message.kind === 'close') return void closeAfter([...inFlight]);
  const done = write(message.request);
  inFlight.add(done);
  void done.finally(() => inFlight.delete(done));
});

// A close comes after every write asked for before it: those finish, their outcomes go back, then the
// connection closes and the thread ends.
async function closeAfter(writes: readonly Promise<void>[]): Promise<void> {
  await Promise.all(writes);
  await repository.close();
  sendOutcomes();
  port.close();
}

say({ kind: 'ready' });
