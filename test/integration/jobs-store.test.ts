/**
 * A job whose progress the store cannot take: on a full disk (a real small tmpfs) it fails with
 * STORE_FULL and stops its work instead of staying `running`, and the progress stored before is
 * kept; a write lock held a moment by another process is waited out without freezing the server.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { afterEach, describe, expect, it, vi } from 'vitest';

import { cancelJob, getJob, registerJobKind, retryJob, startJob, waitForJob } from '@/lib/jobs';
import { closeDb, DB_FILE_NAME, getJobRecord, openDb } from '@/lib/store';
import { holdInChild, mountSmallFs } from '@/test/support/store-faults';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  closeDb();
  vi.restoreAllMocks();
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}

describe('job progress the store cannot take', () => {
  it('a full disk fails the job with STORE_FULL, stops its work and keeps the progress stored before', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const small = mountSmallFs(4 * 1024 * 1024);
    cleanups.push(() => small.unmount());
    const dir = path.join(small.dir, 'data');
    openDb(dir);
    let release!: () => void;
    const diskFilled = new Promise<void>((resolve) => (release = resolve));
    let tagWritten = false;
    registerJobKind('fills-the-disk', async (ctx) => {
      ctx.progress.setSteps([
        { id: 'child', label: 'linux/amd64', status: 'done' },
        { id: 'index', label: 'index', status: 'pending' },
      ]);
      await diskFilled;
      for (let i = 0; i < 300; i++) {
        ctx.progress.upsertStep({ id: `blob-${i}`, label: 'x'.repeat(4000), status: 'done' });
        await sleep(5);
        ctx.signal.throwIfAborted();
      }
      tagWritten = true;
      return 'pushed';
    });
    const job = startJob('fills-the-disk', {});
    await until(() => getJobRecord(job.id)?.progress.steps[0]?.status === 'done');
    const filler = small.fill();
    release();
    const ended = await waitForJob(job.id, 10_000);
    expect(ended.status).toBe('failed');
    expect(ended.error?.code).toBe('STORE_FULL');
    expect(ended.error?.hint).toContain('MANIFOLD_DATA_DIR');
    expect(tagWritten).toBe(false);
    expect(getJob(job.id)?.status).toBe('failed');
    // Space back: the job can be retried although its end never reached the store.
    fs.rmSync(filler);
    const again = retryJob(job.id);
    expect(again.status).toBe('queued');
    expect(cancelJob(job.id)).toBe(true);
    expect((await waitForJob(job.id, 10_000)).error?.code).toBe('ABORTED');
    // The server restarted: what the job stored before the disk filled is there.
    closeDb();
    openDb(dir);
    const stored = getJobRecord(job.id)!;
    expect(stored.progress.steps.slice(0, 2)).toEqual([
      { id: 'child', label: 'linux/amd64', status: 'done' },
      { id: 'index', label: 'index', status: 'pending' },
    ]);
  });

  it('a write lock held for a second elsewhere is waited out: the job ends stored, the event loop never stalls', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifold-jobs-store-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    openDb(dir);
    let locked!: () => void;
    const lockHeld = new Promise<void>((resolve) => (locked = resolve));
    registerJobKind('meets-a-lock', async (ctx) => {
      ctx.progress.setSteps([{ id: 'a', label: 'A', status: 'running' }]);
      await lockHeld;
      for (let i = 0; i < 20; i++) {
        ctx.progress.updateStep('a', { detail: `${i}` });
        ctx.progress.upsertStep({ id: `s${i}`, label: `step ${i}`, status: 'done' });
        await sleep(50);
      }
      ctx.progress.updateStep('a', { status: 'done' });
      return 'ok';
    });
    const job = startJob('meets-a-lock', {});
    await until(() => getJobRecord(job.id)?.progress.steps.length === 1);
    const holder = await holdInChild(['write-lock', path.join(dir, DB_FILE_NAME), '1000']);
    cleanups.push(() => holder.kill9());
    let lag = 0;
    let last = performance.now();
    const probe = setInterval(() => {
      lag = Math.max(lag, performance.now() - last);
      last = performance.now();
    }, 5);
    locked();
    const ended = await waitForJob(job.id, 15_000).finally(() => clearInterval(probe));
    expect(lag).toBeLessThan(100);
    expect(ended.status).toBe('succeeded');
    // The end may have met the lock too: it is stored once the lock is gone.
    await until(() => getJobRecord(job.id)?.status === 'succeeded', 8000);
    const stored = getJobRecord(job.id)!;
    expect(stored.progress.steps).toHaveLength(21);
    expect(stored.progress.steps[0]).toMatchObject({ id: 'a', status: 'done', detail: '19' });
  });
});
