import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  cancelScan,
  estimateScan,
  getScan,
  registerCoverageScanJob,
  startScan,
} from '@/lib/coverage';
import { waitForJob } from '@/lib/jobs';
import {
  createRegistryClient,
  DEFAULT_LISTING_LIMITS,
  listAllTags,
  scanTags,
  type RegistryClient,
} from '@/lib/registry';
import { queryCoverageRepos } from '@/lib/store';
import {
  HOSTILE_REPOSITORY,
  HOSTILE_TAG,
  startHostileRegistry,
  type HostileRegistry,
} from '@/test/support/hostile-registry';

import { openTestStore, type StoreHandle } from './push-setup';

let hostile: HostileRegistry;
let client: RegistryClient;
let store: StoreHandle;

beforeAll(async () => {
  hostile = await startHostileRegistry({ tagLength: 120 });
  client = createRegistryClient({
    retries: 0,
    timeoutMs: 15_000,
    registries: (host) => (host === hostile.host ? { host, scheme: 'http' } : undefined),
  });
  store = await openTestStore('manifold-hostile-');
  registerCoverageScanJob({ getClient: () => client });
});

afterAll(async () => {
  await client?.close();
  await hostile?.close();
  await store?.cleanup();
});

const repo = () => ({ registry: hostile.host, repository: 'endless/r1' });

describe('a registry whose listings never end and hold names outside the grammar', () => {
  it('leaves names outside the grammar out of a page and counts them', async () => {
    const tags = await client.listTags(repo(), { n: 10 });
    expect(tags.tags).toHaveLength(10);
    expect(tags.tags).not.toContain(HOSTILE_TAG);
    expect(tags.dropped).toBe(1);
    const catalog = await client.listRepositories(hostile.host, { n: 10 });
    expect(catalog.repositories).toHaveLength(10);
    expect(catalog.repositories).not.toContain(HOSTILE_REPOSITORY);
    expect(catalog.dropped).toBe(2);
  });

  it('stops a tag listing at each cap and says it was cut', async () => {
    const byPages = await listAllTags(client, repo(), { n: 50, maxPages: 3 });
    expect(byPages).toMatchObject({ truncated: true, dropped: 3 });
    expect(byPages.tags).toHaveLength(150);
    const byEntries = await listAllTags(client, repo(), { n: 50, maxEntries: 120 });
    expect(byEntries.truncated).toBe(true);
    expect(byEntries.tags).toHaveLength(120);
    const byBytes = await listAllTags(client, repo(), { n: 50, maxBytes: 120 * 70 });
    expect(byBytes.truncated).toBe(true);
    expect(byBytes.tags).toHaveLength(70);
  });

  it('ends a delete-style tag scan at its cap', async () => {
    const before = hostile.counts.tags;
    const scan = await scanTags(client, repo(), { maxTags: 250 });
    expect(scan.truncated).toBe(true);
    expect(Object.keys(scan.tags)).toHaveLength(250);
    expect(hostile.counts.tags - before).toBe(3);
  });

  it('finishes a coverage scan of an endless tag list, marked truncated, within the request cap', async () => {
    const before = hostile.counts.tags;
    const scan = startScan({
      registry: hostile.host,
      scope: { kind: 'repositories', repositories: ['endless/r1'] },
      tagRule: { kind: 'pattern', patterns: ['t1?-*', `${'*?'.repeat(8)}z`] },
    });
    const job = await waitForJob(scan.id, 60_000);
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    const pages = hostile.counts.tags - before;
    expect(pages).toBeLessThanOrEqual(DEFAULT_LISTING_LIMITS.maxPages);
    const [record] = queryCoverageRepos(scan.id, {}, { limit: 10 }).repositories;
    expect(record).toMatchObject({ repository: 'endless/r1', tagsTruncated: true, error: null });
    expect(record?.tagsDropped).toBe(pages);
  }, 60_000);

  it('estimates an endless catalog within the caps, saying it is cut', async () => {
    const estimate = await estimateScan(client, {
      registry: hostile.host,
      tagRule: { kind: 'pattern', patterns: ['latest'] },
    });
    expect(estimate.truncated).toBe(true);
    expect(estimate.repositories).toBe(DEFAULT_LISTING_LIMITS.maxEntries);
    expect(estimate.dropped).toBe(2 * estimate.catalogPages);
  }, 60_000);

  it('stops asking the registry once a scan of the endless catalog is cancelled', async () => {
    const scan = startScan({
      registry: hostile.host,
      tagRule: { kind: 'pattern', patterns: ['t1-*'] },
    });
    while (getScan(scan.id).repositoriesDone < 2) await new Promise((r) => setTimeout(r, 50));
    cancelScan(scan.id);
    const job = await waitForJob(scan.id, 30_000);
    expect(job.status).toBe('failed');
    expect(job.error?.code).toBe('ABORTED');
    // Requests already on the wire when the job ended may still land; nothing new after that.
    await new Promise((r) => setTimeout(r, 300));
    const after = { ...hostile.counts };
    await new Promise((r) => setTimeout(r, 1000));
    expect(hostile.counts).toEqual(after);
    expect(getScan(scan.id).catalogDropped).toBeGreaterThan(0);
  }, 60_000);
});
