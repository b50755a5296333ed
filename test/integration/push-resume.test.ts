import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startDraftPush, type DraftDeps } from '@/lib/drafts';
import { getJob, retryJob, subscribeJob, waitForJob } from '@/lib/jobs';
import { sha256Digest, MediaType, type RegistryClient, type PushResult } from '@/lib/registry';
import { SeedClient } from '@/scripts/seed-client';
import { seedDemo } from '@/scripts/seed-lib';
import { startRegistry, type StartedRegistry } from '@/test/support/registry';
import { clientFor } from '@/test/support/registry-client';

import {
  depsFor,
  draftWith,
  openTestStore,
  previewExpectations,
  type StoreHandle,
} from './push-setup';

const BIG = 64 * 1024 * 1024;

let src: StartedRegistry;
let dest: StartedRegistry;
let destData: string;
let client: RegistryClient;
let deps: DraftDeps;
let store: StoreHandle;
let bigLayer: string;

/** Pushes big/app:amd64, an image with one 64 MiB layer, so a push of it takes long enough to be cut. */
async function seedBigImage(url: string): Promise<void> {
  const seed = new SeedClient({ url });
  try {
    const layer = randomBytes(BIG);
    bigLayer = sha256Digest(layer);
    const config = Buffer.from(
      JSON.stringify({
        architecture: 'amd64',
        os: 'linux',
        rootfs: { type: 'layers', diff_ids: [bigLayer] },
        config: {},
      }),
    );
    await seed.pushBlob('big/app', layer, bigLayer);
    await seed.pushBlob('big/app', config);
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MediaType.DockerManifest,
        config: {
          mediaType: MediaType.DockerConfig,
          digest: sha256Digest(config),
          size: config.length,
        },
        layers: [{ mediaType: MediaType.DockerLayer, digest: bigLayer, size: layer.length }],
      }),
    );
    await seed.putManifest('big/app', 'amd64', MediaType.DockerManifest, manifest);
  } finally {
    seed.close();
  }
}

beforeAll(async () => {
  destData = await mkdtemp(path.join(os.tmpdir(), 'manifold-resume-dest-'));
  [src, dest] = await Promise.all([
    startRegistry({ variant: 'plain' }),
    startRegistry({ variant: 'plain', dataDir: destData }),
  ]);
  await seedDemo({ url: src.url });
  await seedBigImage(src.url);
  // Retries off: the destination is down on purpose and the job should fail, not wait.
  client = clientFor([src, dest], { retries: 0 });
  store = await openTestStore();
  deps = depsFor(client, src.host);
}, 180_000);

afterAll(async () => {
  await client?.close();
  await Promise.all([src?.stop(), dest?.stop()]);
  await store?.cleanup();
  if (destData) await rm(destData, { recursive: true, force: true });
});

describe('a push interrupted by the destination registry stopping', () => {
  it('fails with a retryable error, then retryJob resumes after the registry is back and completes', async () => {
    const draft = await draftWith(deps, 'resume', [
      `${src.host}/demo/shazam:arm64`,
      `${src.host}/big/app:amd64`,
    ]);
    const target = `${dest.host}/big/made:latest`;
    const expectations = await previewExpectations(deps, draft.id, [target]);
    const started = await startDraftPush(deps, draft.id, expectations);
    if (!started.ok) throw new Error(started.message);
    const jobId = started.value.job.id;

    // Stop the destination while the 64 MiB layer streams, once the small image is complete.
    let stopping: Promise<void> | undefined;
    const unsubscribe = subscribeJob(jobId, (job) => {
      const big = job.progress.steps.find((s) => s.kind === 'blob' && s.bytesTotal === BIG);
      const small = job.progress.steps.find(
        (s) => s.kind === 'manifest' && s.label.startsWith('linux/arm64'),
      );
      if (big?.status === 'running' && small?.status === 'done' && !stopping)
        stopping = dest.stop();
    });
    const failed = await waitForJob<unknown, PushResult>(jobId, 120_000);
    unsubscribe();
    await stopping;
    expect(stopping).toBeDefined();
    expect(failed.status).toBe('failed');
    expect(failed.error?.retryable).toBe(true);
    expect(['NETWORK', 'TIMEOUT', 'SERVER_ERROR']).toContain(failed.error?.code);
    // The index is never pushed after a child failed.
    expect(failed.progress.steps.find((s) => s.kind === 'index')?.status).not.toBe('done');
    const doneBefore = failed.progress.steps
      .filter((s) => s.kind === 'manifest' && s.status === 'done')
      .map((s) => s.id);
    expect(doneBefore).toHaveLength(1);

    // The same registry comes back (same port, same storage).
    const back = await startRegistry({ variant: 'plain', port: dest.port, dataDir: destData });
    try {
      const retried = retryJob(jobId);
      expect(retried.id).toBe(jobId);
      const finished = await waitForJob<unknown, PushResult>(jobId, 120_000);
      expect(finished.status, JSON.stringify(finished.error)).toBe('succeeded');
      expect(finished.attempts).toBe(2);
      expect(finished.error).toBeNull();
      expect(getJob<unknown, PushResult>(jobId)?.result?.digest).toBe(expectations.indexDigest);

      // What was complete before is HEAD-skipped, not copied again.
      const log = await back.accessLog();
      for (const stepId of doneBefore) {
        const digest = stepId.split(':').slice(-2).join(':');
        expect(
          log.filter((e) => e.method === 'PUT' && e.kind === 'manifest' && e.digest === digest),
        ).toEqual([]);
        expect(finished.progress.steps.find((s) => s.id === stepId)?.status).toBe('skipped');
      }
      const repo = { registry: back.host, repository: 'big/made' };
      expect(await client.headBlob(repo, bigLayer)).toEqual({ size: BIG });
      expect((await client.headManifest(repo, 'latest'))?.digest).toBe(expectations.indexDigest);
    } finally {
      await back.stop();
    }
  });
});
