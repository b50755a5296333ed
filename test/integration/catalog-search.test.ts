/**
 * Searching the whole catalog on the server (`?q=` on the repositories route), against the real
 * distribution registry holding more repositories than one catalog page.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import type * as RepositoriesRoute from '@/app/api/registries/[host]/repositories/route';
import type { RepositoryPage } from '@/lib/query/keys';
import { startRegistry, type StartedRegistry } from '@/test/support/registry';

vi.mock('server-only', () => ({}));

let registry: StartedRegistry;
let dataDir: string;
let route: typeof RepositoriesRoute;

const CONFIG = Buffer.from('{}');
const CONFIG_DIGEST = `sha256:${createHash('sha256').update(CONFIG).digest('hex')}`;
const MANIFEST = JSON.stringify({
  schemaVersion: 2,
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  config: {
    mediaType: 'application/vnd.oci.image.config.v1+json',
    digest: CONFIG_DIGEST,
    size: CONFIG.length,
  },
  layers: [],
});

/** Puts a tiny image under `repository:latest` (one blob upload, one manifest). */
async function pushTiny(repository: string): Promise<void> {
  const upload = await fetch(`${registry.url}/v2/${repository}/blobs/uploads/`, { method: 'POST' });
  expect(upload.status).toBe(202);
  const location = new URL(upload.headers.get('location') ?? '', registry.url);
  location.searchParams.set('digest', CONFIG_DIGEST);
  const put = await fetch(location, { method: 'PUT', body: CONFIG });
  expect(put.status).toBe(201);
  const manifest = await fetch(`${registry.url}/v2/${repository}/manifests/latest`, {
    method: 'PUT',
    headers: { 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
    body: MANIFEST,
  });
  expect(manifest.status).toBe(201);
}

beforeAll(async () => {
  registry = await startRegistry({ variant: 'plain' });
  const names = Array.from({ length: 130 }, (_, i) => `bulk/r${String(i).padStart(3, '0')}`);
  for (const name of [...names, 'zz/needle-app', 'zz/Other']) await pushTiny(name.toLowerCase());
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'manifold-catalog-search-'));
  process.env.MANIFOLD_REGISTRIES = registry.host;
  process.env.MANIFOLD_DATA_DIR = dataDir;
  process.env.MANIFOLD_DOCKER_CREDENTIALS = 'false';
  route = await import('@/app/api/registries/[host]/repositories/route');
}, 120_000);

afterAll(async () => {
  await registry?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function list(query: string): Promise<{ status: number; body: RepositoryPage }> {
  const url = new URL(
    `/api/registries/${registry.host}/repositories?${query}`,
    'http://127.0.0.1:3000',
  );
  const res = await route.GET(new NextRequest(url, { headers: { host: '127.0.0.1:3000' } }), {
    params: Promise.resolve({ host: registry.host }),
  });
  return { status: res.status, body: (await res.json()) as RepositoryPage };
}

describe('GET /api/registries/[host]/repositories?q=', () => {
  it('finds a repository beyond the first catalog page', async () => {
    const first = await list('n=100');
    expect(first.body.repositories).not.toContain('zz/needle-app');
    expect(first.body.next).toBeDefined();

    const found = await list('q=needle');
    expect(found.status).toBe(200);
    expect(found.body.repositories).toEqual(['zz/needle-app']);
    expect(found.body.search).toEqual({
      query: 'needle',
      scanned: 132,
      truncated: false,
      limited: false,
    });
  });

  it('matches every word, case-insensitively', async () => {
    expect((await list('q=ZZ%20app')).body.repositories).toEqual(['zz/needle-app']);
    expect((await list('q=zz%20')).body.repositories).toEqual(['zz/needle-app', 'zz/other']);
    expect((await list('q=r12')).body.repositories).toHaveLength(10);
  });

  it('refuses a blank or oversized query with a clear error', async () => {
    for (const q of ['q=%20%20', `q=${'a'.repeat(201)}`]) {
      const res = await list(q);
      expect(res.status).toBe(400);
      expect((res.body as unknown as { error: { code: string } }).error.code).toBe('VALIDATION');
    }
  });
});
