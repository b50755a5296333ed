import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { closeDb, openDb } from '@/lib/store';

import {
  getJob,
  registerJobKind,
  resumeJobsForTests,
  retryJob,
  startJob,
  stopJobs,
  waitForJob,
} from './runner';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'manifold-jobs-stop-'));
  openDb(dir);
});

afterAll(() => {
  resumeJobsForTests();
  closeDb();
  rmSync(dir, { recursive: true, force: true });
});

const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

describe('stopJobs (shutdown)', () => {
  it('lets a quick job finish, interrupts a slow one at its safe point, starts no queued job, and a retry resumes', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    registerJobKind('quick-stop', async () => {
      await gate;
      return { ok: true };
    });
    // Checks its signal between steps, as the push and copy handlers do.
    registerJobKind<Record<string, never>, { steps: number }>('slow-stop', async (ctx) => {
      const done = ctx.previous.steps[0]?.bytesDone ?? 0;
      ctx.progress.setSteps([{ id: 's', label: 'S', status: 'running', bytesDone: done }]);
      for (let i = done; i < 50; i++) {
        if (ctx.signal.aborted) throw ctx.signal.reason;
        ctx.progress.updateStep('s', { bytesDone: i + 1 });
        await tick(ctx.attempt === 1 ? 40 : 1);
      }
      return { steps: 50 };
    });
    const quick = startJob('quick-stop', {});
    const slow = startJob('slow-stop', {});
    const queued = startJob('quick-stop', { n: 2 });
    await tick(50);
    expect(getJob(quick.id)?.status).toBe('running');
    expect(getJob(slow.id)?.status).toBe('running');

    const t0 = Date.now();
    const stopping = stopJobs(300);
    release();
    const { interrupted } = await stopping;
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(interrupted).toBe(1);
    expect(getJob(quick.id)?.status).toBe('succeeded');
    const stopped = getJob(slow.id)!;
    expect(stopped.status).toBe('interrupted');
    expect(stopped.error?.code).toBe('ABORTED');
    // The third never started: the next process start marks it interrupted.
    await tick(50);
    expect(getJob(queued.id)?.status).toBe('queued');

    resumeJobsForTests();
    retryJob(slow.id);
    const resumed = await waitForJob<unknown, { steps: number }>(slow.id, 10_000);
    expect(resumed.status).toBe('succeeded');
    expect(resumed.attempts).toBe(2);
  });
});
