import { isAppError } from '@/lib/errors';
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

/** How soon a change is written: this turn, within 50 ms (sub-steps), within 250 ms (bytes). */
type Urgency = 'turn' | 'step' | 'bytes';
const WAIT_MS = { step: 50, bytes: 250 } as const;

/**
 * A write that failed retryably (the store locked by another process) is tried again after 50,
 * 100, 200 ... ms, at most this many times (about 6 s in all): a lock is waited out without
 * blocking the event loop, and a lock that stays fails the job instead of leaving it `running`.
 */
export const MAX_PERSIST_RETRIES = 7;
/** The first retry's wait; each next one waits twice as long. */
export const RETRY_BASE_MS = 50;

interface Writer {
  changed: (urgency: Urgency) => void;
  flush: () => void;
}

// Writes the latest progress when its urgency says, batching what changes in between; retries a
// retryable failure with back-off and reports any other once.
function createWriter(
  latest: () => JobProgress,
  persist: (progress: JobProgress) => void,
  onFailure: (err: unknown) => void,
): Writer {
  let lastPersist = 0;
  let pending: ReturnType<typeof setTimeout> | undefined;
  let pendingAt = Infinity;
  let soon: ReturnType<typeof setImmediate> | undefined;
  // Changed since the last write: flush() writes only then.
  let dirty = false;
  let retries = 0;
  let failed = false;
  const write = () => {
    dirty = false;
    if (pending) clearTimeout(pending);
    pending = undefined;
    pendingAt = Infinity;
    if (soon) clearImmediate(soon);
    soon = undefined;
    lastPersist = Date.now();
    if (failed) return;
    try {
      persist(latest());
      retries = 0;
    } catch (err) {
      dirty = true;
      if (isAppError(err) && err.retryable && retries < MAX_PERSIST_RETRIES) {
        const delay = RETRY_BASE_MS * 2 ** retries++;
        pending = setTimeout(write, delay);
        pendingAt = Date.now() + delay;
        return;
      }
      failed = true;
      onFailure(err);
    }
  };
  const changed = (urgency: Urgency) => {
    if (failed) return;
    dirty = true;
    // A retry is scheduled and writes the latest progress: sooner would only meet the lock again.
    if (retries > 0) return;
    const now = Date.now();
    const at = urgency === 'turn' ? now : Math.max(now, lastPersist + WAIT_MS[urgency]);
    if (at <= now) {
      soon ??= setImmediate(write);
      return;
    }
    if (soon || at >= pendingAt) return;
    if (pending) clearTimeout(pending);
    pending = setTimeout(write, at - now);
    pendingAt = at;
  };
  return {
    changed,
    flush() {
      if (dirty) write();
    },
  };
}

/**
 * Returns a reporter that hands the progress to `persist` in batches: a top-level step added or
 * changing status is written at the end of the current turn of the event loop; a sub-step's (a
 * blob under a child) at most every 50 ms, so a wave of blobs finishing within a few milliseconds
 * is one write and one answer to each watcher; byte counters at most every 250 ms. `flush()`
 * persists what is pending at once (the runner flushes before a job's end is stored). When
 * `persist` throws, a retryable error is retried with back-off (MAX_PERSIST_RETRIES); any other,
 * or one that outlasts the retries, goes to `onFailure` once. Never throws with an `onFailure`
 * that does not; without one, the failure is thrown.
 */
export function createProgressReporter(
  initial: JobProgress,
  persist: (progress: JobProgress) => void,
  onFailure: (err: unknown) => void = (err) => {
    throw err;
  },
): ProgressReporter & { flush(): void } {
  let progress: JobProgress = {
    steps: [],
    ...(initial.message ? { message: initial.message } : {}),
  };
  const { changed, flush } = createWriter(() => progress, persist, onFailure);
  // A top-level step (a child manifest, the index, a tag) changing status is written this turn,
  // so a crash loses at most the sub-steps of the moment; a sub-step (a blob) within 50 ms.
  const urgencyOf = (step: JobStep | undefined, statusChanged: boolean): Urgency =>
    !statusChanged ? 'bytes' : step?.parent ? 'step' : 'turn';

  return {
    setSteps(steps) {
      progress = { ...progress, steps: steps.map((st) => ({ ...st })) };
      changed('turn');
    },
    upsertStep(step) {
      const at = progress.steps.findIndex((st) => st.id === step.id);
      const steps = [...progress.steps];
      const statusChanged = at === -1 || steps[at]!.status !== step.status;
      if (at === -1) steps.push({ ...step });
      else steps[at] = { ...step };
      progress = { ...progress, steps };
      changed(urgencyOf(step, statusChanged));
    },
    updateStep(stepId, patch) {
      let urgency: Urgency | undefined;
      const steps = progress.steps.map((st) => {
        if (st.id !== stepId) return st;
        urgency = urgencyOf(st, patch.status !== undefined && patch.status !== st.status);
        return { ...st, ...patch };
      });
      progress = { ...progress, steps };
      if (urgency) changed(urgency);
    },
    setMessage(message) {
      const next: JobProgress = { steps: progress.steps };
      if (message) next.message = message;
      progress = next;
      changed('turn');
    },
    snapshot() {
      return structuredClone(progress);
    },
    flush,
  };
}
