import type { JobProgress, JobStep } from '@/lib/store';

/** Reports what a job is doing; every change is persisted (batched per turn, throttled while bytes stream). */
export interface ProgressReporter {
  /** Replaces the whole step list. */
  setSteps(steps: JobStep[]): void;
  /** Adds the step, or replaces the step with the same id. */
  upsertStep(step: JobStep): void;
  /** Changes fields of a step; unknown ids are ignored. */
  updateStep(id: string, patch: Partial<Omit<JobStep, 'id'>>): void;
  /** Sets the one-line summary of what happens now. */
  setMessage(message: string | undefined): void;
  /** Returns a copy of the progress so far. */
  snapshot(): JobProgress;
}

const PERSIST_INTERVAL_MS = 250;
/** Step changes (a step added, a status changing) are written at most this often. */
const STEP_INTERVAL_MS = 50;

/**
 * Returns a reporter that hands the progress to `persist` in batches: a step added or changing
 * status is written at the end of the current turn of the event loop, at most every 50 ms (so the
 * many events of a wave of work, e.g. a dozen blobs finishing within a few milliseconds, are one
 * write, and one answer to each watcher), byte counters at most every 250 ms. `flush()` persists
 * what is pending at once (the runner flushes before a job's end is stored).
 */
export function createProgressReporter(
  initial: JobProgress,
  persist: (progress: JobProgress) => void,
): ProgressReporter & { flush(): void } {
  let progress: JobProgress = {
    steps: [],
    ...(initial.message ? { message: initial.message } : {}),
  };
  let lastPersist = 0;
  let pending: ReturnType<typeof setTimeout> | undefined;
  let soon: ReturnType<typeof setImmediate> | undefined;

  const write = () => {
    if (pending) {
      clearTimeout(pending);
      pending = undefined;
    }
    if (soon) {
      clearImmediate(soon);
      soon = undefined;
    }
    lastPersist = Date.now();
    persist(progress);
  };
  const changed = (important: boolean) => {
    const wait = important ? STEP_INTERVAL_MS : PERSIST_INTERVAL_MS;
    const since = Date.now() - lastPersist;
    if (since >= wait) soon ??= setImmediate(write);
    else if (!soon) pending ??= setTimeout(write, wait - since);
  };

  return {
    setSteps(steps) {
      progress = { ...progress, steps: steps.map((st) => ({ ...st })) };
      changed(true);
    },
    upsertStep(step) {
      const at = progress.steps.findIndex((st) => st.id === step.id);
      const steps = [...progress.steps];
      const important = at === -1 || steps[at]!.status !== step.status;
      if (at === -1) steps.push({ ...step });
      else steps[at] = { ...step };
      progress = { ...progress, steps };
      changed(important);
    },
    updateStep(stepId, patch) {
      let important = false;
      const steps = progress.steps.map((st) => {
        if (st.id !== stepId) return st;
        if (patch.status !== undefined && patch.status !== st.status) important = true;
        return { ...st, ...patch };
      });
      progress = { ...progress, steps };
      changed(important);
    },
    setMessage(message) {
      const next: JobProgress = { steps: progress.steps };
      if (message) next.message = message;
      progress = next;
      changed(true);
    },
    snapshot() {
      return structuredClone(progress);
    },
    flush() {
      write();
    },
  };
}
