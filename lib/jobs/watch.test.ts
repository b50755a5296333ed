import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { closeDb, openDb } from '@/lib/store';

import { getJob, registerJobKind, startJob, waitForJob } from './runner';
import { watchJob } from './watch';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'manifold-watch-'));
  openDb(dir);
});

afterAll(() => {
  closeDb();
  rmSync(dir, { recursive: true, force: true });
});

/** A job kind that runs until `release()` is called, reporting one step before it waits. */
function gatedKind(kind: string) {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  registerJobKind<Record<string, never>, { ok: true }>(kind, async (ctx) => {
    ctx.progress.setSteps([{ id: 'a', label: 'A', status: 'running' }]);
    await gate;
    return { ok: true };
  });
  return () => release();
}

describe('watchJob (the long poll of GET /api/jobs/[id]?wait=&since=)', () => {
  it('answers at once without `since`, and undefined for an unknown job', async () => {
    const release = gatedKind('watch-now');
    const job = startJob('watch-now', {});
    expect((await watchJob(job.id, { waitMs: 10_000 }))?.id).toBe(job.id);
    expect(await watchJob('no-such-job', { waitMs: 10_000, since: 'x' })).toBeUndefined();
    release();
    await waitForJob(job.id, 5_000);
  });

  it('waits while the job is unchanged and answers with the finished job the moment it ends', async () => {
    const release = gatedKind('watch-end');
    const job = startJob('watch-end', {});
    // Let it start and report its step, then hold what the caller has.
    await new Promise((r) => setTimeout(r, 50));
    const seen = getJob(job.id)!;
    expect(seen.status).toBe('running');
    let answered = false;
    // No store look within the test's time: only the runner's notification can answer.
    const lookMs = 60_000;
    const watching = watchJob(job.id, { waitMs: 20_000, since: seen.updatedAt, lookMs }).then(
      (j) => {
        answered = true;
        return j;
      },
    );
    await new Promise((r) => setTimeout(r, 100));
    expect(answered).toBe(false);
    release();
    // Each answer is one change (the last progress write, then the end); follow them to the end.
    let after = await watching;
    while (after && after.status !== 'succeeded')
      after = await watchJob(job.id, { waitMs: 20_000, since: after.updatedAt, lookMs });
    expect(after?.status).toBe('succeeded');
  });

  it('gives up after `waitMs` with the job unchanged, and when the caller goes away', async () => {
    const release = gatedKind('watch-timeout');
    const job = startJob('watch-timeout', {});
    await new Promise((r) => setTimeout(r, 50));
    const seen = getJob(job.id)!;
    const unchanged = await watchJob(job.id, { waitMs: 150, since: seen.updatedAt });
    expect(unchanged?.updatedAt).toBe(seen.updatedAt);
    const abort = new AbortController();
    const gone = watchJob(job.id, { waitMs: 20_000, since: seen.updatedAt, signal: abort.signal });
    abort.abort();
    expect(await gone).toBeUndefined();
    release();
    await waitForJob(job.id, 5_000);
  });

  it('gathers a burst of progress writes into one answer, and answers the end without waiting', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let step!: (n: number) => void;
    registerJobKind<Record<string, never>, { ok: true }>('watch-burst', async (ctx) => {
      step = (n) => ctx.progress.upsertStep({ id: `s${n}`, label: `S${n}`, status: 'running' });
      step(0);
      await gate;
      return { ok: true };
    });
    const job = startJob('watch-burst', {});
    await new Promise((r) => setTimeout(r, 50));
    const seen = getJob(job.id)!;
    const lookMs = 60_000;
    const watching = watchJob(job.id, { waitMs: 20_000, since: seen.updatedAt, lookMs });
    // Three top-level steps, each written at once, 20 ms apart.
    for (const n of [1, 2, 3]) {
      step(n);
      await new Promise((r) => setTimeout(r, 20));
    }
    const answer = await watching;
    expect(answer?.progress.steps.map((s) => s.id)).toEqual(['s0', 's1', 's2', 's3']);
    release();
    let end = answer;
    while (end && end.status !== 'succeeded')
      end = await watchJob(job.id, {
        waitMs: 20_000,
        since: end.updatedAt,
        lookMs,
        settleMs: 60_000,
      });
    expect(end?.status).toBe('succeeded');
  });
});
