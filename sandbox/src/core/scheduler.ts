import type { Clock } from './clock.js';

// Runs jobs at a *virtual* due time. The real timer waits (due − now) × timeFactor, which is when the
// scaled clock reaches the due time (factor 0.001 turns a 1-minute retry into 60 ms); a clock advance past
// the due time runs the job at once. A timer that wakes early (rounding, or the 24.8-day setTimeout cap)
// re-arms itself, so a job never runs before its virtual due time.

export interface Scheduler {
  schedule(delayMs: number, run: () => void): () => void;
  runDue(): void;
  cancelAll(): void;
  pending(): number;
}

interface Job {
  due: number;
  run: () => void;
  timer?: NodeJS.Timeout;
}

// setTimeout fires at once for delays above 2^31−1 ms; longer waits are taken in steps.
const MAX_TIMER_MS = 2_147_483_647;

export function createScheduler(clock: Clock): Scheduler {
  const jobs = new Set<Job>();
  const fire = (job: Job): void => {
    if (!jobs.delete(job)) return;
    clearTimeout(job.timer);
    job.run();
  };
  const arm = (job: Job): void => {
    const realDelay = Math.max(0, (job.due - clock.now()) * clock.factor);
    job.timer = setTimeout(
      () => {
        if (!jobs.has(job)) return;
        if (clock.now() >= job.due) fire(job);
        else arm(job);
      },
      Math.min(Math.ceil(realDelay), MAX_TIMER_MS),
    );
    job.timer.unref?.();
  };
  const scheduler: Scheduler = {
    schedule(delayMs, run) {
      const job: Job = { due: clock.now() + delayMs, run };
      jobs.add(job);
      arm(job);
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
