import { AppError, toPublicError } from '@/lib/errors';
import { log } from '@/lib/log';
import { metrics } from '@/lib/metrics';
import { withRequestId } from '@/lib/request-id';
import {
  getJobRecord,
  updateJobRecord,
  type JobRecord,
  withActor,
  type JobError,
  type JobProgress,
} from '@/lib/store';

import { createProgressReporter } from './progress';
import { notify, state, view } from './state';

/** Queues a job id and starts work on the next tick, up to the runner's concurrency. */
export function enqueue(id: string): void {
  const s = state();
  if (!s.queue.includes(id)) s.queue.push(id);
  setImmediate(pump);
}

function pump(): void {
  const s = state();
  // At shutdown nothing new starts: queued jobs stay queued and the next start marks them interrupted.
  while (!s.stopping && s.running.size < s.concurrency && s.queue.length > 0) {
    const id = s.queue.shift()!;
    void run(id);
  }
}

/** Stores a job's final status, then tells its listeners and waiters. */
export function finish(
  id: string,
  patch: {
    status: 'succeeded' | 'failed' | 'interrupted';
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
  const record = getJobRecord(id);
  if (!record || record.status !== 'queued') {
    pump();
    return;
  }
  // The job's log lines and registry requests carry the id of the request that started it.
  await withRequestId(record.requestId, () => runRecord(record));
}

/** Records a finished job in the metrics and the log. */
function observe(kind: string, outcome: string, started: number, jobId: string): void {
  const seconds = (performance.now() - started) / 1000;
  metrics().jobs.inc({ kind, outcome });
  metrics().jobDuration.observe({ kind, outcome }, seconds);
  log().info({ jobId, kind, outcome, durationMs: Math.round(seconds * 1000) }, 'job finished');
}

async function runRecord(record: JobRecord): Promise<void> {
  const s = state();
  const id = record.id;
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
  const started = performance.now();
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
      entry.handler({
        jobId: id,
        params: record.params,
        attempt,
        previous: record.progress,
        signal: controller.signal,
        progress: reporter,
      }),
    );
    reporter.flush();
    finish(id, { status: 'succeeded', result: result ?? null });
    observe(record.kind, 'succeeded', started, id);
  } catch (err) {
    reporter.flush();
    const error = toPublicError(err);
    // Stopped by shutdown: interrupted, so a retry (here or after the restart) resumes it.
    const outcome = isShutdown(controller.signal) ? 'interrupted' : 'failed';
    if (error.code === 'INTERNAL') log().error({ err, jobId: id, kind: record.kind }, 'job failed');
    finish(id, { status: outcome, error });
    observe(record.kind, outcome, started, id);
  } finally {
    s.running.delete(id);
    pump();
  }
}

/** The abort reason of jobs stopped at shutdown (graceful-shutdown waited as long as it may). */
export const SHUTDOWN_REASON = new AppError('ABORTED', 'The server shut down while the job ran', {
  retryable: true,
});

function isShutdown(signal: AbortSignal): boolean {
  return signal.aborted && signal.reason === SHUTDOWN_REASON;
}
