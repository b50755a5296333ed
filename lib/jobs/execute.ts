import { toPublicError } from '@/lib/errors';
import {
  getJobRecord,
  updateJobRecord,
  withActor,
  type JobError,
  type JobProgress,
} from '@/lib/store';

import { createProgressReporter } from './progress';
import { runInJobScope } from './scope';
import { notify, state, view } from './state';

/** Queues a job id and starts work on the next tick, up to the runner's concurrency. */
export function enqueue(id: string): void {
  const s = state();
  if (!s.queue.includes(id)) s.queue.push(id);
  setImmediate(pump);
}

function pump(): void {
  const s = state();
  while (s.running.size < s.concurrency && s.queue.length > 0) {
    const id = s.queue.shift()!;
    void run(id);
  }
}

/** Stores a job's final status, then tells its listeners and waiters. */
export function finish(
  id: string,
  patch: {
    status: 'succeeded' | 'failed';
    result?: unknown;
    error?: JobError;
    progress?: JobProgress;
  },
): void {
  updateJobRecord(id, {
    status: patch.status,
    finishedAt: new Date().toISOString(),
    ...(patch.result !== undefined ? { result: patch.result } : {}),
    ...(patch.error !== undefined ? { error: patch.error } : {}),
    ...(patch.progress !== undefined ? { progress: patch.progress } : {}),
  });
  const record = getJobRecord(id);
  if (!record) return;
  const job = view(record);
  notify(job);
  const s = state();
  for (const waiter of s.waiters.get(id) ?? []) waiter(job);
  s.waiters.delete(id);
}

async function run(id: string): Promise<void> {
  const s = state();
  const record = getJobRecord(id);
  if (!record || record.status !== 'queued') {
    pump();
    return;
  }
  const entry = s.kinds.get(record.kind);
  if (!entry) {
    finish(id, {
      status: 'failed',
      error: {
        code: 'UNSUPPORTED',
        message: `No job kind "${record.kind}" is registered`,
        retryable: true,
      },
    });
    pump();
    return;
  }
  const controller = new AbortController();
  s.running.set(id, controller);
  const attempt = record.attempts + 1;
  updateJobRecord(id, {
    status: 'running',
    attempts: attempt,
    owner: s.owner,
    startedAt: new Date().toISOString(),
    finishedAt: null,
  });
  let current = getJobRecord(id)!;
  notify(view(current));
  // While it runs, only this runner writes the job: its listeners hear the record as written,
  // not read back and parsed again on every progress write.
  const reporter = createProgressReporter(record.progress, (progress) => {
    const updatedAt = updateJobRecord(id, { progress });
    if (!updatedAt) return;
    current = { ...current, progress, updatedAt };
    notify(view(current));
  });
  try {
    // The job acts for whoever started it: its activity rows name them.
    const result = await withActor(record.actor, () =>
      runInJobScope(id, reporter, (progress) =>
        entry.handler({
          jobId: id,
          params: record.params,
          attempt,
          previous: record.progress,
          signal: controller.signal,
          progress,
        }),
      ),
    );
    reporter.flush();
    finish(id, { status: 'succeeded', result: result ?? null });
  } catch (err) {
    reporter.flush();
    const error = toPublicError(err);
    if (error.code === 'INTERNAL') console.error(`job ${id} (${record.kind}) failed`, err);
    finish(id, { status: 'failed', error });
  } finally {
    s.running.delete(id);
    pump();
  }
}
