import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { AppError } from '@/lib/errors';
import { closeDb, openDb } from '@/lib/store';

import {
  cancelJob,
  getJob,
  latestJob,
  registerJobKind,
  retryJob,
  startJob,
  subscribeJob,
  waitForJob,
  type Job,
} from './runner';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'manifold-jobs-'));
  openDb(dir);
});

afterAll(() => {
  closeDb();
  rmSync(dir, { recursive: true, force: true });
});

describe('job runner', () => {
  it('runs a registered kind, persists progress and result, and tells listeners', async () => {
    registerJobKind<{ n: number }, { doubled: number }>('double', async (ctx) => {
      ctx.progress.setSteps([{ id: 'a', label: 'A', status: 'pending' }]);
      ctx.progress.updateStep('a', { status: 'running', bytesDone: 1, bytesTotal: 2 });
      await Promise.resolve();
      ctx.progress.updateStep('a', { status: 'done', bytesDone: 2 });
      return { doubled: ctx.params.n * 2 };
    });
    const job = startJob('double', { n: 21 }, { subject: 'thing:1' });
    expect(job.status).toBe('queued');
    const seen: string[] = [];
    const off = subscribeJob(job.id, (j: Job) => seen.push(j.status));
    const done = await waitForJob<{ n: number }, { doubled: number }>(job.id, 5_000);
    off();
    expect(done).toMatchObject({
      status: 'succeeded',
      result: { doubled: 42 },
      attempts: 1,
      error: null,
      subject: 'thing:1',
    });
    expect(done.progress.steps).toEqual([
      { id: 'a', label: 'A', status: 'done', bytesDone: 2, bytesTotal: 2 },
    ]);
    expect(seen).toContain('running');
    expect(seen.at(-1)).toBe('succeeded');
    expect(latestJob('thing:1')?.id).toBe(job.id);
  });

  it('tells listeners each progress write exactly as the store now holds it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    registerJobKind<{ n: number }, null>('steps', async (ctx) => {
      ctx.progress.setSteps([{ id: 'a', label: 'A', status: 'running' }]);
      await gate;
      ctx.progress.updateStep('a', { status: 'done' });
      await new Promise((resolve) => setImmediate(resolve));
      return null;
    });
    const job = startJob('steps', { n: 1 });
    const heard: Job[] = [];
    const compared: [Job, Job | undefined][] = [];
    const off = subscribeJob(job.id, (j: Job) => {
      heard.push(j);
      compared.push([j, getJob(j.id)]);
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    await waitForJob(job.id, 5_000);
    off();
    const progressWrites = heard.filter((j) => j.status === 'running' && j.progress.steps.length);
    expect(progressWrites.map((j) => j.progress.steps[0]?.status)).toEqual(['running', 'done']);
    for (const [told, stored] of compared) expect(told).toEqual(stored);
  });

  it('fails with the public error, and a retry resumes with the previous progress', async () => {
    const previous: string[][] = [];
    registerJobKind('flaky', (ctx) => {
      previous.push(ctx.previous.steps.filter((s) => s.status === 'done').map((s) => s.id));
      ctx.progress.setSteps([
        { id: 'one', label: 'one', status: 'done' },
        { id: 'two', label: 'two', status: 'running' },
      ]);
      if (ctx.attempt === 1)
        return Promise.reject(new AppError('NETWORK', 'connection reset', { retryable: true }));
      ctx.progress.updateStep('two', { status: 'done' });
      return Promise.resolve('ok');
    });
    const job = startJob('flaky', {});
    const failed = await waitForJob(job.id, 5_000);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatchObject({
      code: 'NETWORK',
      message: 'connection reset',
      retryable: true,
    });
    expect(retryJob(job.id).status).toBe('queued');
    const done = await waitForJob(job.id, 5_000);
    expect(done).toMatchObject({ status: 'succeeded', attempts: 2, error: null, result: 'ok' });
    expect(previous).toEqual([[], ['one']]);
    expect(() => retryJob(job.id)).toThrow(/already succeeded/);
    expect(() => retryJob('nope')).toThrow(/no job/);
  });

  it('refuses unknown kinds, validates params, and cancels running jobs', async () => {
    expect(() => startJob('unknown-kind', {})).toThrow(/No job kind/);
    registerJobKind('strict', () => Promise.resolve('x'), {
      parseParams: (raw) => {
        if (typeof (raw as { n?: unknown }).n !== 'number')
          throw new AppError('INVALID_ARGUMENT', 'n must be a number');
        return raw;
      },
    });
    expect(() => startJob('strict', { n: 'x' })).toThrow(/n must be a number/);

    registerJobKind(
      'slow',
      (ctx) =>
        new Promise((_resolve, reject) =>
          ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason as Error)),
        ),
    );
    const job = startJob('slow', {});
    await new Promise((r) => setTimeout(r, 20));
    expect(getJob(job.id)?.status).toBe('running');
    expect(cancelJob(job.id)).toBe(true);
    const done = await waitForJob(job.id, 5_000);
    expect(done.status).toBe('failed');
    expect(done.error?.code).toBe('ABORTED');
  });
});
