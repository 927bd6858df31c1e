import type { Clock } from './clock.js';

// Runs jobs after a *virtual* delay. A job fires on whichever comes first: the real timer, which waits
// delay × timeFactor (so factor 0.001 turns a 1-minute retry into 60 ms), or a clock advance past its
// due time. This is how retry schedules and refund processing stay testable without sleeping.

export interface Scheduler {
  schedule(delayMs: number, run: () => void): () => void;
  runDue(): void;
  cancelAll(): void;
  pending(): number;
}

interface Job {
  due: number;
  run: () => void;
  timer: NodeJS.Timeout;
}

export function createScheduler(clock: Clock, timeFactor: number): Scheduler {
  const jobs = new Set<Job>();
  const fire = (job: Job): void => {
    if (!jobs.delete(job)) return;
    clearTimeout(job.timer);
    job.run();
  };
  const scheduler: Scheduler = {
    schedule(delayMs, run) {
      const job: Job = { due: clock.now() + delayMs, run, timer: undefined as unknown as NodeJS.Timeout };
      job.timer = setTimeout(() => fire(job), Math.max(0, delayMs * timeFactor));
      job.timer.unref?.();
      jobs.add(job);
      return () => {
        jobs.delete(job);
        clearTimeout(job.timer);
      };
    },
    runDue() {
      const now = clock.now();
      const due = [...jobs].filter((job) => job.due <= now).sort((a, b) => a.due - b.due);
      for (const job of due) fire(job);
    },
    cancelAll() {
      for (const job of jobs) clearTimeout(job.timer);
      jobs.clear();
    },
    pending: () => jobs.size,
  };
  clock.onAdvance(() => scheduler.runDue());
  return scheduler;
}
