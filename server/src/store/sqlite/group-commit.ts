// Group commit on one SQLite connection. With synchronous=FULL every COMMIT waits for the disk, and
// better-sqlite3 waits on the event loop, so one commit per request caps throughput at one disk sync
// per request. Here the writes asked for while the loop is busy (the same turn, or while the previous
// group was committing) run one after another inside ONE `BEGIN IMMEDIATE … COMMIT`: one sync for all.
//
// What each caller keeps:
//   - durability: its promise settles only after the COMMIT that holds its writes has returned;
//   - isolation from its neighbours: each operation runs inside its own SAVEPOINT, so one that throws
//     is rolled back alone and the others still commit;
//   - order and no interleaving: operations run strictly one after another, in the order asked.

import type Database from 'better-sqlite3';

export interface GroupCommitOptions {
  /** Told the number of operations each successful COMMIT made durable (observability, tests). */
  readonly onCommit?: (operations: number) => void;
}

export interface GroupCommit {
  /** Runs `work` inside the next group's transaction; settles once that group has committed. */
  run<T>(work: () => Promise<T> | T): Promise<T>;
  /** Resolves when every operation asked for so far has settled. */
  drain(): Promise<void>;
}

interface Job {
  readonly work: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export function createGroupCommit(db: Database.Database, options: GroupCommitOptions = {}): GroupCommit {
  // Prepared once: preparing BEGIN/COMMIT per transaction showed in the CPU profile.
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');
  const savepoint = db.prepare('SAVEPOINT op');
  const rollbackTo = db.prepare('ROLLBACK TO op');
  const release = db.prepare('RELEASE op');

  // An observer that throws must not turn a durable write into a reported failure.
  const observe = (operations: number) => {
    try {
      options.onCommit?.(operations);
    } catch {
      // ignored: observability only
    }
  };

  let waiting: Job[] = [];
  let running: Promise<void> | undefined;

  async function runGroup(jobs: readonly Job[]): Promise<void> {
    const outcomes: Outcome[] = [];
    try {
      begin.run();
    } catch (error) {
      for (const job of jobs) job.reject(error);
      return;
    }
    // SQLite itself rolls the whole transaction back on some errors (I/O, full disk): the operations
    // done before that lost their writes and fail; the rest go on in a new transaction.
    let committedFrom = 0;
    for (const job of jobs) {
      if (!db.inTransaction) {
        for (let i = committedFrom; i < outcomes.length; i++)
          if (outcomes[i]?.ok) outcomes[i] = { ok: false, error: lostWrites() };
        committedFrom = outcomes.length;
        try {
          begin.run();
        } catch (error) {
          outcomes.push({ ok: false, error });
          continue;
        }
      }
      savepoint.run();
      try {
        const value = await job.work();
        release.run();
        outcomes.push({ ok: true, value });
      } catch (error) {
        if (db.inTransaction) {
          rollbackTo.run();
          release.run();
        }
        outcomes.push({ ok: false, error });
      }
    }
    if (db.inTransaction) {
      let committed = false;
      try {
        commit.run();
        committed = true;
      } catch (error) {
        if (db.inTransaction) rollback.run();
        for (let i = committedFrom; i < outcomes.length; i++)
          if (outcomes[i]?.ok) outcomes[i] = { ok: false, error };
      }
      if (committed) observe(outcomes.slice(committedFrom).filter((o) => o.ok).length);
    } else {
      for (let i = committedFrom; i < outcomes.length; i++)
        if (outcomes[i]?.ok) outcomes[i] = { ok: false, error: lostWrites() };
    }
    jobs.forEach((job, i) => {
      const outcome = outcomes[i] as Outcome;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    });
  }

  function schedule(): void {
    if (running) return;
    // setImmediate: every write asked for in this turn of the event loop joins the group.
    running = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
      while (waiting.length > 0) {
        const jobs = waiting;
        waiting = [];
        try {
          await runGroup(jobs);
        } catch (error) {
          // Only SQLite's own statements can land here (a savepoint that cannot be taken): nothing of
          // this group is kept, and every caller hears so (a promise settles once; later calls are no-ops).
          if (db.inTransaction) rollback.run();
          for (const job of jobs) job.reject(error);
        }
      }
      running = undefined;
    });
  }

  return {
    run<T>(work: () => Promise<T> | T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        waiting.push({ work, resolve: resolve as (value: unknown) => void, reject });
        schedule();
      });
    },
    async drain() {
      while (running) await running;
    },
  };
}

function lostWrites(): Error {
  return new Error('SQLite rolled the transaction back; the write was not stored, try again');
}
