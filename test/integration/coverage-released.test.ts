import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, expect, it } from 'vitest';

import { registerCoverageScanJob, startScan } from '@/lib/coverage';
import { waitForJob } from '@/lib/jobs';
import type { RegistryClient } from '@/lib/registry';
import { queryCoverageRepos } from '@/lib/store';
import { seedCoverage } from '@/scripts/seed-coverage';
import { buildReleasedPlan } from '@/scripts/seed-released';
import { startRegistry, type StartedRegistry } from '@/test/support/registry';
import { clientFor } from '@/test/support/registry-client';

import { openTestStore, type StoreHandle } from './push-setup';

// Coverage judges the tags people release: per-architecture tags that are entries of a list in
// the same repository, and cosign's sha256-<digest>.sig/.att/.sbom tags, are not gaps.
let registry: StartedRegistry;
let dataDir: string;
let client: RegistryClient;
let store: StoreHandle;
const plan = buildReleasedPlan('rel');

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'manifold-released-registry-'));
  registry = await startRegistry({ variant: 'plain', dataDir });
  await seedCoverage({ url: registry.url }, plan);
  client = clientFor([registry], { retries: 0 });
  store = await openTestStore('manifold-released-');
  registerCoverageScanJob({ getClient: () => client });
}, 120_000);

afterAll(async () => {
  await client?.close();
  await registry?.stop();
  await store?.cleanup();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

it('reports only real gaps: per-architecture children and signature tags are not releases', async () => {
  const scan = startScan({ registry: registry.host, concurrency: 4 });
  const job = await waitForJob(scan.id, 60_000);
  expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
  const repos = queryCoverageRepos(scan.id, {}, { limit: 100 }).repositories;

  // The seeded repositories hold more tags than they release.
  expect(plan.map((r) => r.tags.length)).toEqual([3, 5, 2]);
  expect(
    Object.fromEntries(repos.map((r) => [r.repository, r.tags.map((t) => t.tag).sort()])),
  ).toEqual(Object.fromEntries(plan.map((r) => [r.repository, r.released])));

  const missing = queryCoverageRepos(scan.id, { missing: 'linux/arm64' }, { limit: 100 });
  expect(missing.repositories.map((r) => r.repository)).toEqual(['rel/gap']);
  const gap = missing.repositories[0]!;
  expect(gap.tags.find((t) => t.tag === '1.0')?.platforms).toEqual(['linux/amd64']);
  expect(gap.tags.find((t) => t.tag === '2.0')?.platforms).toEqual(['linux/amd64', 'linux/arm64']);
}, 120_000);
