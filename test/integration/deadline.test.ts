import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { getJob, registerJobKind, startJob, waitForJob } from '@/lib/jobs/runner';
import { createRegistryClient, sha256Digest, type RegistryClient } from '@/lib/registry';
import { closeDb, openDb } from '@/lib/store';
import { caught } from '@/test/support/caught';
import { respond, startFaultServer, type FaultServer } from '@/test/support/fault-server';

const DEADLINE_MS = 2_500;
const slowBlob = Buffer.from('x'.repeat(100));
const fastBlob = Buffer.from('fast');

let hostile: FaultServer;
let client: RegistryClient;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'manifold-deadline-'));
  openDb(dir);
  hostile = await startFaultServer();
  // One byte every 400 ms: never idle long enough for the inactivity timeout, never done.
  hostile.on({
    path: /^\/v2\/slow\/blobs\//,
    respond: respond.trickle(slowBlob, { intervalMs: 400 }),
  });
  hostile.on({
    path: /^\/v2\/fast\/blobs\//,
    respond: respond.status(200, {}, fastBlob.toString()),
  });
  client = createRegistryClient({
    registries: (host) => (host === hostile.host ? { host, scheme: 'http' } : undefined),
    retries: 0,
    timeoutMs: 2_000,
    deadlineMs: DEADLINE_MS,
  });
  registerJobKind<{ repository: string; digest: string }, number>('test-read-blob', async (ctx) => {
    const bytes = await client.getBlobBytes(
      { registry: hostile.host, repository: ctx.params.repository },
      ctx.params.digest,
      { signal: ctx.signal },
    );
    return bytes.byteLength;
  });
});

afterAll(async () => {
  await client?.close();
  await hostile?.close();
  closeDb();
  rmSync(dir, { recursive: true, force: true });
});

describe('total deadline', () => {
  it('fails a trickling body with TIMEOUT at the deadline', async () => {
    const started = Date.now();
    const err = await caught(
      client.getBlobBytes({ registry: hostile.host, repository: 'slow' }, sha256Digest(slowBlob)),
    );
    const elapsed = Date.now() - started;
    expect(err.code).toBe('TIMEOUT');
    expect(elapsed).toBeGreaterThanOrEqual(DEADLINE_MS - 50);
    // The body alone would take 40 s; generous slack for a loaded machine.
    expect(elapsed).toBeLessThan(DEADLINE_MS + 10_000);
  });

  it('frees the job slot at the deadline while other jobs keep running', async () => {
    const slow = startJob('test-read-blob', { repository: 'slow', digest: sha256Digest(slowBlob) });
    const fast = startJob('test-read-blob', { repository: 'fast', digest: sha256Digest(fastBlob) });
    const fastDone = await waitForJob(fast.id);
    expect(fastDone.status).toBe('succeeded');
    expect(fastDone.result).toBe(fastBlob.length);
    // The slow one is still trickling when the fast one is done.
    expect(getJob(slow.id)?.status).toBe('running');
    const slowDone = await waitForJob(slow.id);
    expect(slowDone.status).toBe('failed');
    expect(slowDone.error?.code).toBe('TIMEOUT');
    // A third job gets a slot afterwards.
    const after = startJob('test-read-blob', {
      repository: 'fast',
      digest: sha256Digest(fastBlob),
    });
    expect((await waitForJob(after.id)).status).toBe('succeeded');
  });
});
