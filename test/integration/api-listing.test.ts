import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import type * as RepositoriesRoute from '@/app/api/registries/[host]/repositories/route';
import type * as SummaryRoute from '@/app/api/summary/route';
import type * as SummariesRoute from '@/app/api/summaries/route';
import type * as TagsRoute from '@/app/api/tags/route';
import type { RepositoryPage, TagPage } from '@/lib/query/keys';
import type { TagSummary } from '@/lib/browse/tag-summary';
import { seedDemo } from '@/scripts/seed-lib';
import { startRegistry, type StartedRegistry } from '@/test/support/registry';

// The route handlers import 'server-only', which throws outside Next's server bundles.
vi.mock('server-only', () => ({}));

let registry: StartedRegistry;
let dataDir: string;
let routes: {
  repositories: typeof RepositoriesRoute;
  tags: typeof TagsRoute;
  summary: typeof SummaryRoute;
  summaries: typeof SummariesRoute;
};

beforeAll(async () => {
  registry = await startRegistry({ variant: 'plain' });
  await seedDemo({ url: registry.url });
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'manifold-api-listing-'));
  // lib/config reads the environment once, on first use (after this).
  process.env.MANIFOLD_REGISTRIES = registry.host;
  process.env.MANIFOLD_DATA_DIR = dataDir;
  process.env.MANIFOLD_DOCKER_CREDENTIALS = 'false';
  routes = {
    repositories: await import('@/app/api/registries/[host]/repositories/route'),
    tags: await import('@/app/api/tags/route'),
    summary: await import('@/app/api/summary/route'),
    summaries: await import('@/app/api/summaries/route'),
  };
});

afterAll(async () => {
  await registry?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

function get(pathAndQuery: string): NextRequest {
  // The Host a browser on this machine sends: Manifold refuses names it does not answer to.
  return new NextRequest(new URL(pathAndQuery, 'http://127.0.0.1:3000'), {
    headers: { host: '127.0.0.1:3000' },
  });
}

async function listRepositories(
  query: string,
): Promise<{ status: number; body: RepositoryPage & { error?: { code: string } } }> {
  const res = await routes.repositories.GET(
    get(`/api/registries/${registry.host}/repositories?${query}`),
    {
      params: Promise.resolve({ host: registry.host }),
    },
  );
  return {
    status: res.status,
    body: (await res.json()) as RepositoryPage & { error?: { code: string } },
  };
}

async function summary(
  ref: string,
): Promise<{ status: number; body: TagSummary & { error?: { code: string } } }> {
  const res = await routes.summary.GET(get(`/api/summary?ref=${encodeURIComponent(ref)}`));
  return {
    status: res.status,
    body: (await res.json()) as TagSummary & { error?: { code: string } },
  };
}

const DEMO_REPOSITORIES = [
  'demo/artifact',
  'demo/broken',
  'demo/buildkit',
  'demo/nested',
  'demo/shazam',
  'demo/shazam-oci',
  'demo/single',
  'demo/windows',
];

describe('GET /api/registries/[host]/repositories', () => {
  it('walks the whole catalog page by page with the opaque cursor', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const { status, body } = await listRepositories(
        `n=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(status).toBe(200);
      expect(body.repositories.length).toBeLessThanOrEqual(3);
      seen.push(...body.repositories);
      cursor = body.next;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual(DEMO_REPOSITORIES);
  });

  it('answers 400 for an invalid page size or host, and refuses a cursor of another listing', async () => {
    expect((await listRepositories('n=0')).status).toBe(400);
    expect((await listRepositories('n=abc')).status).toBe(400);
    const badHost = await routes.repositories.GET(get('/api/registries/bad host/repositories'), {
      params: Promise.resolve({ host: 'bad%20host' }),
    });
    expect(badHost.status).toBe(400);
    const foreign = await listRepositories(
      `cursor=${encodeURIComponent('http://169.254.169.254/v2/_catalog?n=1')}`,
    );
    expect(foreign.status).toBeGreaterThanOrEqual(400);
    expect(foreign.body.error?.code).toBe('INVALID_ARGUMENT');
  });
});

describe('GET /api/tags', () => {
  it('pages through a repository’s tags (distribution 2.8 ignores n for tags and sends them all at once)', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await routes.tags.GET(
        get(
          `/api/tags?registry=${registry.host}&repository=demo/shazam&n=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        ),
      );
      expect(res.status).toBe(200);
      const page = (await res.json()) as TagPage;
      seen.push(...page.tags);
      cursor = page.next;
      pages++;
    } while (cursor && pages < 10);
    expect(seen.sort()).toEqual(['amd64', 'arm64', 'armv7', 'latest', 'ppc64le', 's390x']);
  });

  it('answers 404 NAME_UNKNOWN for a missing repository and 400 for an invalid name', async () => {
    const missing = await routes.tags.GET(
      get(`/api/tags?registry=${registry.host}&repository=demo/missing`),
    );
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('NAME_UNKNOWN');
    const invalid = await routes.tags.GET(
      get(`/api/tags?registry=${registry.host}&repository=Demo/Upper`),
    );
    expect(invalid.status).toBe(400);
    const body = (await invalid.json()) as {
      error: { code: string; fieldErrors: Record<string, string[]> };
    };
    expect(body.error.code).toBe('VALIDATION');
    expect(Object.keys(body.error.fieldErrors)).toEqual(['repository']);
  });
});

describe('GET /api/summary', () => {
  it.each([
    {
      ref: 'demo/shazam:latest',
      kind: 'index',
      format: 'docker-list',
      platforms: ['linux/amd64', 'linux/arm64/v8', 'linux/arm/v7', 'linux/ppc64le', 'linux/s390x'],
    },
    { ref: 'demo/shazam:amd64', kind: 'image', format: 'docker-image', platforms: ['linux/amd64'] },
    {
      ref: 'demo/shazam-oci:latest',
      kind: 'index',
      format: 'oci-index',
      platforms: ['linux/amd64', 'linux/arm64/v8', 'linux/s390x'],
    },
    { ref: 'demo/artifact:v1', kind: 'artifact', format: 'artifact', platforms: [] },
  ])(
    '$ref is a $format with $platforms.length platforms',
    async ({ ref, kind, format, platforms }) => {
      const { status, body } = await summary(`${registry.host}/${ref}`);
      expect(status).toBe(200);
      expect(body.kind).toBe(kind);
      expect(body.format).toBe(format);
      expect(
        body.platforms.map((p) => [p.os, p.architecture, p.variant].filter(Boolean).join('/')),
      ).toEqual(platforms);
      expect(body.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(body.totalSize).toBeGreaterThan(0);
      expect(body.childErrors).toBe(0);
    },
  );

  it('leaves BuildKit attestations out, flattens nested indexes, keeps the Windows build, counts missing children', async () => {
    const buildkit = await summary(`${registry.host}/demo/buildkit:latest`);
    expect(buildkit.body.platforms.every((p) => p.os !== 'unknown')).toBe(true);
    expect(buildkit.body.platforms.length).toBeGreaterThan(0);

    const nested = await summary(`${registry.host}/demo/nested:latest`);
    expect(nested.body.kind).toBe('index');
    expect(nested.body.platforms.map((p) => p.architecture)).toEqual(
      expect.arrayContaining(['amd64', 'arm64', 's390x']),
    );

    const windows = await summary(`${registry.host}/demo/windows:ltsc2022`);
    expect(windows.body.platforms.some((p) => p.os === 'windows' && p['os.version'])).toBe(true);

    const broken = await summary(`${registry.host}/demo/broken:latest`);
    expect(broken.status).toBe(200);
    expect(broken.body.childErrors).toBeGreaterThanOrEqual(1);
  });

  it('answers 404 for a missing tag and 400 for a malformed reference', async () => {
    const missing = await summary(`${registry.host}/demo/shazam:nope`);
    expect(missing.status).toBe(404);
    expect(missing.body.error?.code).toBe('MANIFEST_UNKNOWN');
    const malformed = await summary(`${registry.host}/Demo:`);
    expect(malformed.status).toBe(400);
    expect(malformed.body.error?.code).toBe('INVALID_REFERENCE');
  });

  it('summarises the visible rows in one request; a failing tag carries its own error', async () => {
    const tags = 'latest,amd64,nope,latest';
    const res = await routes.summaries.GET(
      get(`/api/summaries?registry=${registry.host}&repository=demo/shazam&tags=${tags}`),
    );
    expect(res.status).toBe(200);
    const { summaries } = (await res.json()) as {
      summaries: Record<string, TagSummary | { error: { code: string } }>;
    };
    expect(Object.keys(summaries).sort()).toEqual(['amd64', 'latest', 'nope']);
    const latest = summaries.latest as TagSummary;
    expect(latest.kind).toBe('index');
    expect(latest.platforms).toHaveLength(5);
    expect((summaries.amd64 as TagSummary).kind).toBe('image');
    expect(summaries.nope).toMatchObject({ error: { code: 'MANIFEST_UNKNOWN' } });
    expect(res.headers.get('server-timing')).toMatch(/inspect;dur=/);

    const many = Array.from({ length: 51 }, (_, i) => `t${i}`).join(',');
    const tooMany = await routes.summaries.GET(
      get(`/api/summaries?registry=${registry.host}&repository=demo/shazam&tags=${many}`),
    );
    expect(tooMany.status).toBe(400);
    const bad = await routes.summaries.GET(
      get(`/api/summaries?registry=${registry.host}&repository=demo/shazam&tags=ok,-bad`),
    );
    expect(bad.status).toBe(400);
  });
});
