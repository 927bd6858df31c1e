// The ledger on a SQLite file, with its writes in a thread of their own. With synchronous=FULL every
// COMMIT waits for the disk, and better-sqlite3 waits where it is called: on the event loop, no other
// request moves while the file syncs. Here the write operations (writer-protocol.ts) are sent to the
// writer thread (ledger-writer-worker.ts), which runs them with the ledger's own rules through the group
// commit and answers after the COMMIT; reads stay on this thread, on a read-only connection that sees
// committed data only. Durability is unchanged: a caller hears of its write only once it is on disk.

import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createLedger, type Ledger, type RejectedRetention } from '../../ledger/index.js';
import type { WriterData } from './ledger-writer-worker.js';
import { openSqliteRepository } from './sqlite-repository.js';
import {
  WRITE_OPERATIONS,
  reviveError,
  type ToWriter,
  type WriteOperation,
  type WriterMessage,
} from './writer-protocol.js';

export interface SqliteLedgerOptions {
  readonly clock?: () => Date;
  readonly rejectedRetention?: RejectedRetention;
  /**
   * Told once if the writer thread stops without close() having asked it to (a crash in the thread):
   * every write is refused from then on, so the server should say so and stop taking traffic.
   */
  readonly onStopped?: (error: Error) => void;
  /** The writer thread's module (ledger-writer-worker by default; the tests give one that fails). */
  readonly workerUrl?: URL;
}

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

// Built, the worker is the .js beside this file. Run from source (the test suite), it is the .ts one,
// loaded through tsx's loader, registered in the thread before the import (a worker's execArgv cannot
// carry --import on Node 20).
const fromSource = import.meta.url.endsWith('.ts');
const workerUrl = new URL(`./ledger-writer-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url);

function startWorker(url: URL, workerData: WriterData): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData });
  const api = createRequire(import.meta.url).resolve('tsx/esm/api'); // its CommonJS build; the ESM beside it
  const tsx = pathToFileURL(api.replace(/\.cjs$/, '.mjs')).href;
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(boot, { eval: true, workerData });
}

/** Opens (and migrates, in the writer thread) the ledger on the SQLite file at `path`. */
export async function openSqliteLedgerThread(
  path: string,
  options: SqliteLedgerOptions = {},
): Promise<Ledger> {
  const clock = options.clock ?? (() => new Date());
  const data: WriterData = {
    path,
    ...(options.rejectedRetention ? { rejectedRetention: options.rejectedRetention } : {}),
  };
  const worker = startWorker(options.workerUrl ?? workerUrl, data);
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let closing = false;
  let stopped: Error | undefined;

  // The thread keeps the process alive while a write waits for it, and while it closes; not otherwise.
  let held = true; // a new Worker holds the process
  const keepAlive = () => {
    const hold = closing || pending.size > 0;
    if (hold === held) return;
    held = hold;
    if (hold) worker.ref();
    else worker.unref();
  };
  const settle = (id: number) => {
    const call = pending.get(id);
    pending.delete(id);
    keepAlive();
    return call;
  };
  const stop = (error: Error) => {
    if (stopped) return;
    stopped = error;
    for (const [id, call] of pending) {
      pending.delete(id);
      call.reject(error);
    }
    keepAlive();
    if (!closing) options.onStopped?.(error);
  };

  await new Promise<void>((resolve, reject) => {
    worker.on('message', (message: WriterMessage) => {
      switch (message.kind) {
        case 'ready':
          return resolve();
        case 'failed':
          return reject(reviveError(message.error));
        case 'outcomes':
          for (const outcome of message.outcomes) {
            const call = settle(outcome.id);
            if (outcome.ok) call?.resolve(outcome.value);
            else call?.reject(reviveError(outcome.error));
          }
      }
    });
    worker.on('error', (error) => {
      reject(error);
      stop(new Error(`the ledger's writer thread failed (${error.message}); restart the server`));
    });
    // An answer that cannot be read leaves its callers without one: as fatal as a crash.
    worker.on('messageerror', (error) => {
      stop(
        new Error(
          `the ledger's writer thread sent an unreadable answer (${error.message}); restart the server`,
        ),
      );
      void worker.terminate();
    });
    worker.on('exit', (code) => {
      reject(new Error(`the ledger's writer thread exited with code ${code} while opening ${path}`));
      stop(new Error("the ledger's writer thread has stopped; no write is possible until a restart"));
    });
  });

  const write =
    (op: WriteOperation) =>
    (...args: unknown[]): Promise<unknown> => {
      if (stopped) return Promise.reject(stopped);
      const id = ++nextId;
      return new Promise((resolve, reject) => {
        // Sent at once: batching here too (until the end of this turn) kept each write waiting about
        // half a millisecond for the turn's other requests; the writer thread groups them anyway.
        // What cannot be copied to the thread (a function, say) is refused here and never waited for.
        try {
          worker.postMessage({
            kind: 'write',
            request: { id, op, args, now: clock().toISOString() },
          } satisfies ToWriter);
        } catch (error) {
          return reject(error);
        }
        pending.set(id, { resolve, reject });
        keepAlive();
      });
    };

  // Reads: the ledger's own read methods over a read-only connection (opened once the writer migrated).
  let reader: ReturnType<typeof openSqliteRepository>;
  try {
    reader = openSqliteRepository(path, { readOnly: true });
  } catch (error) {
    closing = true;
    await worker.terminate();
    throw error;
  }
  const reads = createLedger({ repository: reader, clock });
  const writes = Object.fromEntries(WRITE_OPERATIONS.map((op) => [op, write(op)])) as Pick<
    Ledger,
    WriteOperation
  >;
  keepAlive(); // open, and nothing waiting: the thread no longer holds the process

  return {
    ...reads,
    ...writes,
    async close() {
      if (!stopped && !closing) {
        closing = true;
        keepAlive();
        const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
        worker.postMessage({ kind: 'close' } satisfies ToWriter);
        await exited;
      }
      await reader.close();
    },
  };
}
