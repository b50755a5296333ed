/**
 * Real processes: a production build under `next start`, a real registry behind the fault proxy.
 * A `kill -9` in the middle of a push (children copied, the index PUT stalled) leaves the job
 * `interrupted` with where it stopped, the draft and history intact, and a retry that finishes
 * without uploading again what landed. Two clients pushing different drafts to one tag at the same
 * moment: exactly one wins, the other gets CONFLICT with both digests.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { seedDemo } from '@/scripts/seed-lib';
import { ensureProductionBuild, startAppServer, type AppServer } from '@/test/support/app-server';
import { respond, startFaultServer, type FaultServer } from '@/test/support/fault-server';
import { startRegistry, type StartedRegistry } from '@/test/support/registry';

let src: StartedRegistry;
let dst: StartedRegistry;
let proxy: FaultServer;
let app: AppServer;
let dataDir: string;

interface JobView {
  id: string;
  status: string;
  progress: { steps: Array<{ id: string; kind?: string; status: string }> };
  error?: { code: string; message: string; details?: unknown } | null;
}

async function api<T>(
  method: string,
  url: string,
  body?: unknown,
): Promise<{ status: number; json: T }> {
  const res = await fetch(app.url + url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json', origin: app.url },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(60_000),
  });
  return { status: res.status, json: (await res.json()) as T };
}

async function draftOf(name: string, refs: string[]): Promise<string> {
  const created = await api<{ id: string }>('POST', '/api/drafts', { name });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  for (const reference of refs) {
    const added = await api('POST', `/api/drafts/${created.json.id}/entries`, { reference });
    expect(added.status, JSON.stringify(added.json)).toBeLessThan(300);
  }
  return created.json.id;
}

async function startPush(id: string, dest: string): Promise<{ job: JobView; indexDigest: string }> {
  const preview = await api<{
    destinations: Array<{ reference: string; expectedDigest: string | null }>;
    revision: number;
    index: { digest: string };
  }>('POST', `/api/drafts/${id}/preview`, { destinations: [dest] });
  expect(preview.status, JSON.stringify(preview.json)).toBe(200);
  const pushed = await api<{ job: JobView }>('POST', `/api/drafts/${id}/push`, {
    destinations: preview.json.destinations,
    revision: preview.json.revision,
    indexDigest: preview.json.index.digest,
  });
  expect(pushed.status, JSON.stringify(pushed.json)).toBe(202);
  return { job: pushed.json.job, indexDigest: preview.json.index.digest };
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${app.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const finished = (id: string) =>
  until(`job ${id}`, async () => {
    const { json } = await api<JobView>('GET', `/api/jobs/${id}`);
    return ['succeeded', 'failed', 'interrupted'].includes(json.status) ? json : undefined;
  });

const tagAt = async (repository: string, tag: string) => {
  const res = await fetch(`${dst.url}/v2/${repository}/manifests/${tag}`, {
    method: 'HEAD',
    headers: {
      accept:
        'application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json',
    },
  });
  return res.status === 200 ? res.headers.get('docker-content-digest') : null;
};

beforeAll(async () => {
  ensureProductionBuild();
  [src, dst] = await Promise.all([
    startRegistry({ variant: 'plain' }),
    startRegistry({ variant: 'plain' }),
  ]);
  await seedDemo({ url: src.url });
  proxy = await startFaultServer({ proxyTo: dst.url });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifold-processes-'));
  app = await startAppServer({ dataDir, registries: [src.host, proxy.host] });
}, 600_000);

afterAll(async () => {
  await app?.stop();
  await proxy?.close();
  await Promise.all([src?.stop(), dst?.stop()]);
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('a production server', () => {
  it('kill -9 in the middle of a push: interrupted where it stopped, nothing lost, retry uploads nothing twice', async () => {
    const id = await draftOf('crash', [
      `${src.host}/demo/shazam:amd64`,
      `${src.host}/demo/shazam:arm64`,
    ]);
    proxy.on({
      method: 'PUT',
      path: '/v2/crash/app/manifests/v1',
      name: 'stall',
      respond: respond.stall(),
    });
    const { job, indexDigest } = await startPush(id, `${proxy.host}/crash/app:v1`);
    // The children are in; the index PUT hangs at the proxy: that is where the server dies.
    await until('the index PUT', () =>
      Promise.resolve(proxy.hits('stall').length > 0 ? true : undefined),
    );
    await app.kill9();
    proxy.reset();
    await dst.clearAccessLog();
    await app.restart();

    const after = await api<JobView>('GET', `/api/jobs/${job.id}`);
    expect(after.json.status).toBe('interrupted');
    const steps = after.json.progress.steps;
    expect(
      steps
        .filter((s) => s.kind === 'manifest')
        .every((s) => ['done', 'skipped'].includes(s.status)),
    ).toBe(true);
    expect(steps.find((s) => s.kind === 'index')?.status).not.toBe('done');
    // The draft and the history survived the kill (SQLite WAL).
    const draft = await api<{ id: string; entries: unknown[] }>('GET', `/api/drafts/${id}`);
    expect(draft.status).toBe(200);
    expect(draft.json.entries).toHaveLength(2);
    const jobs = await api<{ jobs: JobView[] }>('GET', `/api/drafts/${id}/jobs`);
    expect(jobs.json.jobs.map((j) => j.id)).toContain(job.id);
    expect(await tagAt('crash/app', 'v1')).toBeNull();

    const retried = await api<JobView>('POST', `/api/jobs/${job.id}/retry`, {});
    expect(retried.status).toBe(202);
    const done = await finished(job.id);
    expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
    expect(await tagAt('crash/app', 'v1')).toBe(indexDigest);
    // What landed before the kill is not sent again: no blob upload at all on the retry.
    const uploads = (await dst.accessLog()).filter((e) => e.path.includes('/blobs/uploads'));
    expect(uploads).toEqual([]);
  });

  it('two clients push different drafts to one new tag at the same moment: one wins, the other is a CONFLICT', async () => {
    const dest = `${proxy.host}/race/app:v1`;
    const [a, b] = await Promise.all([
      draftOf('race-a', [`${src.host}/demo/shazam:amd64`]),
      draftOf('race-b', [`${src.host}/demo/shazam:arm64`]),
    ]);
    const [pa, pb] = await Promise.all([startPush(a, dest), startPush(b, dest)]);
    const jobs = await Promise.all([finished(pa.job.id), finished(pb.job.id)]);
    expect(jobs.map((j) => j.status).sort()).toEqual(['failed', 'succeeded']);
    const winner = jobs[0].status === 'succeeded' ? pa : pb;
    const loser = jobs[0].status === 'succeeded' ? jobs[1] : jobs[0];
    const lost = winner === pa ? pb.indexDigest : pa.indexDigest;
    expect(await tagAt('race/app', 'v1')).toBe(winner.indexDigest);
    expect(loser.error?.code).toBe('CONFLICT');
    expect(loser.error?.message).toContain(winner.indexDigest);
    expect(loser.error?.message).toContain(lost);
    expect(loser.error?.details).toMatchObject({
      conflicts: [{ reference: dest, expected: null, actual: winner.indexDigest }],
    });
  });
});
