import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { getScan, registerCoverageScanJob, resumeScan, startScan } from '@/lib/coverage';
import { subscribeJob, waitForJob } from '@/lib/jobs';
import type { RegistryClient } from '@/lib/registry';
import {
  coverageTotals,
  getCoverageScan,
  queryCoverageRepos,
  type CoverageFilter,
} from '@/lib/store';
import {
  buildCoveragePlan,
  expectMissing,
  seedCoverage,
  type CoverageRepoPlan,
} from '@/scripts/seed-coverage';
import { requestSummary } from '@/test/support/access-log';
import { startRegistry, type StartedRegistry } from '@/test/support/registry';
import { clientFor } from '@/test/support/registry-client';

import { openTestStore, type StoreHandle } from './push-setup';

const COUNT = 200;
const CATALOG_PAGE = 64;
const CATALOG_PAGES = Math.ceil(COUNT / CATALOG_PAGE);
let registry: StartedRegistry;
let dataDir: string;
let client: RegistryClient;
let store: StoreHandle;
const plan: CoverageRepoPlan[] = buildCoveragePlan({ namespace: 'cov', count: COUNT });

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'manifold-coverage-registry-'));
  registry = await startRegistry({ variant: 'plain', dataDir });
  const t0 = Date.now();
  await seedCoverage({ url: registry.url }, plan);
  console.log(`seeded ${COUNT} repositories in ${Date.now() - t0} ms`);
  // No transport retries: a stopped registry must fail the scan at once, not be waited for.
  client = clientFor([registry], { retries: 0 });
  store = await openTestStore('manifold-coverage-');
  // Pages of 64: the catalog is walked through its Link cursor (4 pages for 200 repositories).
  registerCoverageScanJob({ getClient: () => client, catalogPageSize: CATALOG_PAGE });
}, 120_000);

afterAll(async () => {
  await client?.close();
  await registry?.stop();
  await store?.cleanup();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

function all(scanId: string, filter: CoverageFilter = {}) {
  return queryCoverageRepos(scanId, filter, { limit: 1000 }).repositories;
}

function names(scanId: string, filter: CoverageFilter): string[] {
  return all(scanId, filter).map((r) => r.repository);
}

/** Asserts the scan holds exactly the planned tags, platforms and broken children, nothing else. */
function expectPlanned(scanId: string): void {
  const found = all(scanId).map((r) => ({
    repository: r.repository,
    error: r.error,
    tags: r.tags.map((t) => ({
      tag: t.tag,
      digest: t.digest,
      platforms: t.platforms,
      broken: t.broken.map((b) => b.platform),
    })),
  }));
  const expected = plan.map((r) => ({
    repository: r.repository,
    error: null,
    tags: r.tags.map((t) => ({
      tag: t.tag,
      digest: t.node.digest,
      platforms: t.platforms,
      broken: t.broken,
    })),
  }));
  expect(found).toEqual(expected);
}

async function scanToEnd(concurrency = 8): Promise<string> {
  const scan = startScan({ registry: registry.host, concurrency });
  const job = await waitForJob(scan.id, 120_000);
  expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
  return scan.id;
}

describe('coverage scan of a registry of 200 repositories', () => {
  let firstScan: string;

  it('reports exactly the seeded platforms: lists, single images, attestations left out, broken children', async () => {
    await registry.clearAccessLog();
    firstScan = await scanToEnd();
    expectPlanned(firstScan);

    expect(names(firstScan, { missing: 'linux/arm64' })).toEqual(
      expectMissing(plan, 'linux/arm64'),
    );
    const kinds = (k: CoverageRepoPlan['kind'][]) =>
      plan.filter((r) => k.includes(r.kind)).map((r) => r.repository);
    expect(names(firstScan, { only: 'linux/amd64' })).toEqual(
      kinds(['single', 'attestation-only']),
    );
    expect(names(firstScan, { has: 'linux/s390x' })).toEqual(kinds(['broken']));
    expect(names(firstScan, { has: 'linux/arm/v7' })).toEqual([]);
    expect(names(firstScan, { missing: 'linux/arm64', q: 'app-000' })).toEqual(
      expectMissing(plan, 'linux/arm64').filter((r) => r.includes('app-000')),
    );

    const totals = coverageTotals(firstScan);
    expect(totals).toMatchObject({
      repositories: COUNT,
      withTags: COUNT,
      errors: 0,
      tags: 2 * COUNT,
    });
    expect(totals.broken).toBe(2 * kinds(['broken']).length);
    const arm64 = totals.platforms.find((p) => p.platform === 'linux/arm64');
    expect(arm64).toEqual({
      platform: 'linux/arm64',
      repositories: kinds(['list', 'attested', 'arm']).length,
      complete: kinds(['attested', 'arm']).length,
      tags: 2 * kinds(['attested', 'arm']).length + kinds(['list']).length,
    });

    const scan = getCoverageScan(firstScan)!;
    expect(scan).toMatchObject({
      catalogDone: true,
      repositoriesSeen: COUNT,
      repositoriesDone: COUNT,
    });
    // Every request the scan counted reached the registry (and no more).
    expect((await registry.accessLog()).length).toBe(scan.requests);
  }, 120_000);

  it('a second scan asks only for the catalog pages, the tag lists and one HEAD per tag', async () => {
    await registry.clearAccessLog();
    const second = await scanToEnd();
    expectPlanned(second);
    const log = await registry.accessLog();
    expect(requestSummary(log)).toEqual({
      'GET catalog': CATALOG_PAGES,
      'GET tags': COUNT,
      'HEAD manifest': 2 * COUNT,
    });
    expect(getCoverageScan(second)?.requests).toBe(log.length);
  }, 120_000);

  it('a literal tag rule (`latest`) skips the tag lists: one HEAD per repository plus the catalog', async () => {
    await registry.clearAccessLog();
    const scan = startScan({
      registry: registry.host,
      tagRule: { kind: 'pattern', patterns: ['latest'] },
    });
    expect((await waitForJob(scan.id, 120_000)).status).toBe('succeeded');
    expect(requestSummary(await registry.accessLog())).toEqual({
      'GET catalog': CATALOG_PAGES,
      'HEAD manifest': COUNT,
    });
    expect(all(scan.id).every((r) => r.tags.map((t) => t.tag).join() === 'latest')).toBe(true);
  }, 120_000);

  it('a scan interrupted by a registry restart resumes where it stopped', async () => {
    const scan = startScan({ registry: registry.host, concurrency: 2 });
    let stopping: Promise<void> | undefined;
    const unsubscribe = subscribeJob(scan.id, () => {
      if (!stopping && (getCoverageScan(scan.id)?.repositoriesDone ?? 0) >= 50)
        stopping = registry.stop();
    });
    const failed = await waitForJob(scan.id, 120_000);
    unsubscribe();
    await stopping;
    expect(stopping).toBeDefined();
    expect(failed.status).toBe('failed');
    expect(failed.error?.retryable).toBe(true);
    const before = all(scan.id).map((r) => r.repository);
    expect(before.length).toBeGreaterThanOrEqual(50);
    expect(before.length).toBeLessThan(COUNT);

    // The same registry comes back: same port, same storage.
    registry = await startRegistry({ variant: 'plain', port: registry.port, dataDir });
    const resumed = resumeScan(scan.id);
    expect(resumed.id).toBe(scan.id);
    const done = await waitForJob(scan.id, 120_000);
    expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
    expect(done.attempts).toBe(2);
    expectPlanned(scan.id);
    expect(getScan(scan.id).repositoriesDone).toBe(COUNT);

    // Repositories finished before the restart were not asked for again.
    const asked = new Set(
      (await registry.accessLog()).filter((e) => e.kind === 'tags').map((e) => e.repository),
    );
    expect(before.filter((r) => asked.has(r))).toEqual([]);
    expect(asked.size).toBe(COUNT - before.length);
  }, 180_000);
});
