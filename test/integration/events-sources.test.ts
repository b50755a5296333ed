/**
 * The event receivers of the sources other than distribution, against the real distribution
 * registry (Debian's docker-registry) as the registry the events name: each test posts the
 * source's documented payload (lib/events/testdata/, cited in lib/events/sources.test.ts):
 * - Harbor: goharbor.io, "Configure Webhooks" (default and CloudEvents payloads);
 * - zot: zotregistry.dev, "Events";
 * - GHCR: GitHub Docs, "Webhook events and payloads", registry_package, and "Validating webhook
 *   deliveries" (X-Hub-Signature-256);
 * - Docker Hub: Docker Docs, "Webhooks"; Quay: Quay docs, "Repository notifications";
 * - ECR: AWS, "Amazon ECR events and EventBridge" and "API destinations".
 * with its names pointed at a real list in the registry, and checks the stored rows, the tag change
 * recorded after processing (a tag-only source's digest read with one HEAD), the secret check
 * (401, nothing stored) and that a redelivery is one row.
 */
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import type { TagHistory } from '@/lib/actions';
import type { TimelineEntry } from '@/lib/events';
import { seedDemo } from '@/scripts/seed-lib';
import { callRoute, handlerOf, TEST_HOST, type RouteMethod } from '@/test/support/api-routes';
import { startRegistry, type StartedRegistry } from '@/test/support/registry';
import { clientFor } from '@/test/support/registry-client';

vi.mock('server-only', () => ({}));

const EVENTS: RouteMethod = { key: 'POST events/[source]', dir: 'events/[source]', method: 'POST' };
const HISTORY: RouteMethod = { key: 'GET images/history', dir: 'images/history', method: 'GET' };
const SOURCES = ['harbor', 'zot', 'ghcr', 'dockerhub', 'quay', 'ecr'] as const;
type Source = (typeof SOURCES)[number];
const secretOf = (s: Source) => `${s}-events-secret-0123456789abcdef`;
const REPO = 'demo/shazam';

let registry: StartedRegistry;
let dataDir: string;
let listDigest: string;

function fixture<T = Record<string, unknown>>(name: string): T {
  const file = path.resolve(import.meta.dirname, '../../lib/events/testdata', name);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

/** Posts a delivery as the source sends it: its secret as the source carries it, unless `auth` replaces it. */
async function deliver(source: Source, body: unknown, auth?: string): Promise<Response> {
  const text = JSON.stringify(body);
  const secret = auth ?? secretOf(source);
  const headers: Record<string, string> = { host: TEST_HOST, 'content-type': 'application/json' };
  let query = '';
  if (source === 'ghcr') {
    headers['x-hub-signature-256'] =
      `sha256=${createHmac('sha256', secret).update(text).digest('hex')}`;
    headers['x-github-delivery'] = '72d3162e-cc78-11e3-81ab-4c9367dc0958';
  } else if (source === 'dockerhub' || source === 'quay') query = `?token=${secret}`;
  else headers.authorization = `Bearer ${secret}`;
  const req = new NextRequest(`http://${TEST_HOST}/api/events/${source}${query}`, {
    method: 'POST',
    headers,
    body: text,
  });
  const h = await handlerOf(EVENTS);
  return h(req, { params: Promise.resolve({ source }) });
}

async function inboxCount(source: Source): Promise<number> {
  const { countInboxEvents } = await import('@/lib/store');
  return countInboxEvents({ source });
}

async function timeline(tag: string): Promise<TimelineEntry[]> {
  const q = new URLSearchParams({ registry: registry.host, repository: REPO, tag });
  const res = await callRoute(HISTORY, { query: `?${q.toString()}` });
  expect(res.status).toBe(200);
  return ((await res.json()) as TagHistory).timeline;
}

/** Returns the tag's timeline once `ok` accepts it, polling for up to 10 s (processing is in the background). */
async function eventually(tag: string, ok: (t: TimelineEntry[]) => boolean) {
  const until = Date.now() + 10_000;
  let t = await timeline(tag);
  while (!ok(t) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    t = await timeline(tag);
  }
  return t;
}

beforeAll(async () => {
  registry = await startRegistry({ variant: 'plain' });
  const seeded = await seedDemo({ url: registry.url });
  listDigest = seeded['demo/shazam:latest']!;
  // One tag per source, all on the same list, so each source's record is its own timeline.
  const client = clientFor([registry]);
  const { parsed } = await client.getManifest(
    { registry: registry.host, repository: 'demo/shazam' },
    listDigest,
  );
  const repo = { registry: registry.host, repository: REPO };
  for (const tag of [...SOURCES, 'harbor-ce'])
    await client.putManifest(repo, tag, Buffer.from(parsed.raw), parsed.mediaType);
  await client.close();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifold-sources-'));
  const config = path.join(dataDir, 'manifold.yml');
  const receivers = SOURCES.map(
    (s) => `    - { source: ${s}, registry: "${registry.host}", secret: "${secretOf(s)}" }`,
  );
  fs.writeFileSync(
    config,
    [
      'registries:',
      `  - { host: "${registry.host}" }`,
      'events:',
      '  receivers:',
      ...receivers,
      '',
    ].join('\n'),
  );
  process.env.MANIFOLD_CONFIG = config;
  process.env.MANIFOLD_DATA_DIR = dataDir;
  process.env.MANIFOLD_DOCKER_CREDENTIALS = 'false';
}, 60_000);

afterAll(async () => {
  await registry?.stop();
  const { closeDb } = await import('@/lib/store');
  closeDb();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Each source's documented payload, its names pointed at `demo/shazam:<tag>` and the real list. */
const payloads: Record<Source, (tag: string) => unknown> = {
  harbor: (tag) => {
    const b = fixture<{
      event_data: { resources: Record<string, string>[]; repository: Record<string, string> };
    }>('harbor-default-push.json');
    Object.assign(b.event_data.resources[0]!, { tag, digest: listDigest });
    b.event_data.repository.repo_full_name = REPO;
    return b;
  },
  zot: (tag) => {
    const b = fixture<{ data: Record<string, string> }>('zot-image-updated.json');
    Object.assign(b.data, { name: REPO, reference: tag, digest: listDigest });
    return b;
  },
  ghcr: (tag) => {
    const b = fixture<{
      registry_package: {
        name: string;
        namespace: string;
        package_version: { container_metadata: { tag: Record<string, string> } };
      };
    }>('ghcr-registry-package-published.json');
    Object.assign(b.registry_package, { namespace: 'Demo', name: 'shazam' });
    b.registry_package.package_version.container_metadata.tag = { name: tag, digest: listDigest };
    return b;
  },
  dockerhub: (tag) => {
    const b = fixture<{ push_data: Record<string, unknown>; repository: Record<string, unknown> }>(
      'dockerhub-push.json',
    );
    b.push_data.tag = tag;
    b.repository.repo_name = REPO;
    return b;
  },
  quay: (tag) => ({
    ...fixture<Record<string, unknown>>('quay-repo-push.json'),
    repository: REPO,
    updated_tags: [tag],
  }),
  ecr: (tag) => {
    const b = fixture<{ detail: Record<string, string> }>('ecr-image-push.json');
    Object.assign(b.detail, {
      'repository-name': REPO,
      'image-tag': tag,
      'image-digest': listDigest,
    });
    return b;
  },
};

describe.each(SOURCES)('POST /api/events/%s', (source) => {
  it('stores the documented push, records the tag change with its platforms, and keeps a redelivery as one row', async () => {
    await registry.clearAccessLog();
    const body = payloads[source](source);
    const res = await deliver(source, body);
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ stored: 1, duplicates: 0, dropped: 0 });
    expect(await inboxCount(source)).toBe(1);
    const t = await eventually(source, (x) => x[0]?.digest === listDigest);
    expect(t[0]).toMatchObject({ digest: listDigest, how: 'event', to: null });
    expect(t[0]!.platforms?.map((p) => p.platform)).toEqual(
      expect.arrayContaining(['linux/amd64', 'linux/arm64']),
    );
    const again = await deliver(source, body);
    expect(await again.json()).toMatchObject({ stored: 0, duplicates: 1 });
    expect(await inboxCount(source)).toBe(1);
  });

  it("is 401 and stores nothing with a wrong secret, or another source's", async () => {
    const body = payloads[source](`${source}-refused`);
    for (const wrong of [
      'not-the-secret-at-all-0000000000',
      secretOf(source === 'ecr' ? 'zot' : 'ecr'),
    ]) {
      const res = await deliver(source, body, wrong);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    }
    expect(await inboxCount(source)).toBe(1);
  });
});

describe('sources that name a tag and no digest', () => {
  it.each(['dockerhub', 'quay'] as const)(
    '%s: the digest was read with one HEAD of the tag',
    async (source) => {
      await registry.clearAccessLog();
      const tag = `${source}-2`;
      const client = clientFor([registry]);
      const repo = { registry: registry.host, repository: REPO };
      const { parsed } = await client.getManifest(repo, listDigest);
      await client.putManifest(repo, tag, Buffer.from(parsed.raw), parsed.mediaType);
      await client.close();
      await registry.clearAccessLog();
      expect((await deliver(source, payloads[source](tag))).status).toBe(202);
      // Join the drain the delivery started: the history route's own reads come after the count.
      const { scheduleDrain } = await import('@/lib/events');
      const { serverEventsDeps } = await import('@/lib/events/server');
      await scheduleDrain(serverEventsDeps());
      const heads = (await registry.accessLog()).filter(
        (e) => e.method === 'HEAD' && e.path === `/v2/${REPO}/manifests/${tag}`,
      );
      expect(heads).toHaveLength(1);
      const t = await timeline(tag);
      expect(t[0]).toMatchObject({ digest: listDigest, how: 'event' });
    },
  );
});

describe('Harbor CloudEvents and drops', () => {
  it('records the CloudEvents format under its event id', async () => {
    const b = fixture<{
      data: { resources: Record<string, string>[]; repository: Record<string, string> };
    }>('harbor-cloudevents-push.json');
    Object.assign(b.data.resources[0]!, { tag: 'harbor-ce', digest: listDigest });
    b.data.repository.repo_full_name = REPO;
    const res = await deliver('harbor', b);
    expect(await res.json()).toEqual({ stored: 1, duplicates: 0, dropped: 0 });
    const t = await eventually('harbor-ce', (x) => x[0]?.digest === listDigest);
    expect(t[0]).toMatchObject({ digest: listDigest, who: 'robot$library+scanner' });
  });

  it('drops a pull without storing it', async () => {
    const before = await inboxCount('harbor');
    const res = await deliver('harbor', fixture('harbor-default-pull.json'));
    expect(await res.json()).toEqual({ stored: 0, duplicates: 0, dropped: 1 });
    expect(await inboxCount('harbor')).toBe(before);
  });
});

describe('deletes and limits', () => {
  it.each([
    ['ecr', 'ecr-image-delete.json'],
    ['zot', 'zot-image-deleted.json'],
  ] as const)('%s: the documented delete marks the tag deleted', async (source, file) => {
    const b = fixture<Record<string, Record<string, string>>>(file);
    if (source === 'ecr')
      Object.assign(b.detail!, { 'repository-name': REPO, 'image-tag': source });
    else Object.assign(b.data!, { name: REPO, reference: source });
    expect(await (await deliver(source, b)).json()).toMatchObject({ stored: 1 });
    const t = await eventually(source, (x) => x[0]?.digest === null);
    expect(t[0]).toMatchObject({ digest: null, how: 'event', to: null });
    expect(t[1]).toMatchObject({ digest: listDigest, to: t[0]!.from });
  });

  it('refuses a body past 256 KiB with 413, signed or not, and stores nothing', async () => {
    const before = await inboxCount('ghcr');
    const big = { ...(payloads.ghcr('big') as object), pad: 'x'.repeat(300 * 1024) };
    expect((await deliver('ghcr', big)).status).toBe(413);
    expect(
      (
        await deliver('harbor', {
          ...(payloads.harbor('big') as object),
          pad: 'x'.repeat(300 * 1024),
        })
      ).status,
    ).toBe(413);
    expect(await inboxCount('ghcr')).toBe(before);
  });
});
