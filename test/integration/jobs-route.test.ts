/**
 * GET /api/jobs/[id] through the door: at once without `wait`, and as a long poll with
 * `?wait=&since=` that answers the moment the job changes or ends (what the UI and the bench use).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import type * as JobRoute from '@/app/api/jobs/[id]/route';
import { registerJobKind, startJob, waitForJob, type Job } from '@/lib/jobs';
import { closeDb } from '@/lib/store';

vi.mock('server-only', () => ({}));

let dataDir: string;
let GET: (typeof JobRoute)['GET'];
let release: () => void = () => {};

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'manifold-jobs-route-'));
  process.env.MANIFOLD_DATA_DIR = dataDir;
  process.env.MANIFOLD_DOCKER_CREDENTIALS = 'false';
  ({ GET } = await import('@/app/api/jobs/[id]/route'));
  const gate = new Promise<void>((r) => (release = r));
  registerJobKind<Record<string, never>, { ok: true }>('route-gated', async (ctx) => {
    ctx.progress.setSteps([{ id: 'a', label: 'A', status: 'running' }]);
    await gate;
    return { ok: true };
  });
});

afterAll(async () => {
  release();
  closeDb();
  await rm(dataDir, { recursive: true, force: true });
});

async function get(id: string, query = ''): Promise<{ status: number; body: Job }> {
  const req = new NextRequest(`http://127.0.0.1:3000/api/jobs/${id}${query}`, {
    headers: { host: '127.0.0.1:3000' },
  });
  const res = await GET(req, { params: Promise.resolve({ id }) });
  return { status: res.status, body: (await res.json()) as Job };
}

describe('GET /api/jobs/[id]', () => {
  it('answers at once, long-polls with wait & since, and refuses a wait past the cap', async () => {
    const job = startJob('route-gated', {});
    await new Promise((r) => setTimeout(r, 50));
    const now = await get(job.id);
    expect(now.status).toBe(200);
    expect(now.body.status).toBe('running');

    // Unchanged: the poll waits the whole `wait`, then answers the same job.
    const t0 = Date.now();
    const unchanged = await get(
      job.id,
      `?wait=300&since=${encodeURIComponent(now.body.updatedAt)}`,
    );
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
    expect(unchanged.body.updatedAt).toBe(now.body.updatedAt);

    // The end arrives as soon as it happens.
    let last = now.body;
    const following = (async () => {
      while (last.status !== 'succeeded')
        last = (await get(job.id, `?wait=20000&since=${encodeURIComponent(last.updatedAt)}`)).body;
      return last;
    })();
    await new Promise((r) => setTimeout(r, 100));
    release();
    expect((await following).status).toBe('succeeded');
    await waitForJob(job.id, 5_000);

    const tooLong = await get(job.id, '?wait=600000&since=x');
    expect(tooLong.status).toBe(400);
    const unknown = await get('no-such-job', '?wait=100&since=x');
    expect(unknown.status).toBe(404);
  });
});
