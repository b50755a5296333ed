/**
 * The real distribution registry (Debian's docker-registry 2.8) sends its notifications to
 * Manifold's event route through a loopback receiver, with the bearer secret of the config:
 * a `skopeo copy --all` of a list, a push of the same tag without arm64 and a delete each appear
 * in the tag's history within seconds, with platforms and the registry's actor; blob and pull
 * events store nothing; a wrong secret is 401 and stores nothing; a redelivery is one row.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import type { TagHistory } from '@/lib/actions';
import type { TimelineEntry } from '@/lib/events';
import { seedDemo } from '@/scripts/seed-lib';
import { callRoute, handlerOf, type RouteMethod } from '@/test/support/api-routes';
import { startEventReceiver, type StartedReceiver } from '@/test/support/event-receiver';
import { startRegistry, type StartedRegistry } from '@/test/support/registry';
import { clientFor } from '@/test/support/registry-client';

vi.mock('server-only', () => ({}));

const exec = promisify(execFile);
const SECRET = 'events-test-secret-0123456789abcdef';
const EVENTS: RouteMethod = { key: 'POST events/[source]', dir: 'events/[source]', method: 'POST' };
const RESTORE: RouteMethod = { key: 'POST images/restore', dir: 'images/restore', method: 'POST' };
const HISTORY: RouteMethod = { key: 'GET images/history', dir: 'images/history', method: 'GET' };
const MEDIA_TYPE = 'application/vnd.docker.distribution.events.v1+json';

let source: StartedRegistry;
let target: StartedRegistry;
let receiver: StartedReceiver;
let dataDir: string;
let listDigest: string;
const WEBHOOK_SECRET = 'webhook-test-secret-0123456789abc';
let webhook: http.Server;
const hooks: { body: string; signature: string }[] = [];

/** A chat tool's incoming webhook on loopback: keeps each body and its signature header. */
async function startWebhook(): Promise<string> {
  webhook = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      hooks.push({ body, signature: String(req.headers['x-manifold-signature-256']) });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => webhook.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(webhook.address() as { port: number }).port}/hook`;
}

async function inboxCount(): Promise<number> {
  const { countInboxEvents } = await import('@/lib/store');
  return countInboxEvents({ source: 'distribution' });
}

async function timeline(tag = 'latest'): Promise<TimelineEntry[]> {
  const q = new URLSearchParams({ registry: target.host, repository: 'team/app', tag });
  const res = await callRoute(HISTORY, { query: `?${q.toString()}` });
  expect(res.status).toBe(200);
  return ((await res.json()) as TagHistory).timeline;
}

/** Returns the timeline once `ok` accepts it, polling for up to 10 s (delivery is asynchronous). */
async function eventually(ok: (t: TimelineEntry[]) => boolean): Promise<TimelineEntry[]> {
  const until = Date.now() + 10_000;
  let t = await timeline();
  while (!ok(t) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    t = await timeline();
  }
  return t;
}

function deliver(body: string, headers: Record<string, string> = {}): Promise<Response> {
  const req = new NextRequest(`${receiver.url}/api/events/distribution`, {
    method: 'POST',
    headers: {
      host: new URL(receiver.url).host,
      'content-type': MEDIA_TYPE,
      authorization: `Bearer ${SECRET}`,
      ...headers,
    },
    body,
  });
  return handlerOf(EVENTS).then((h) =>
    h(req, { params: Promise.resolve({ source: 'distribution' }) }),
  );
}

beforeAll(async () => {
  source = await startRegistry({ variant: 'plain' });
  listDigest = (await seedDemo({ url: source.url }))['demo/shazam:latest']!;
  receiver = await startEventReceiver(await handlerOf(EVENTS));
  target = await startRegistry({
    variant: 'basic',
    notifications: { url: `${receiver.url}/api/events/distribution`, secret: SECRET },
  });
  const hookUrl = await startWebhook();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifold-events-'));
  const config = path.join(dataDir, 'manifold.yml');
  fs.writeFileSync(
    config,
    [
      'registries:',
      `  - { host: "${target.host}", username: "${target.username}", password: "${target.password}" }`,
      'events:',
      '  receivers:',
      `    - { source: distribution, registry: "${target.host}", secret: "${SECRET}" }`,
      '  requiredPlatforms:',
      `    - { name: arm-required, registry: "${target.host}", repositories: ["team/*"], tags: [latest, "v*"], platforms: [linux/amd64, linux/arm64] }`,
      '  webhooks:',
      `    - { url: "${hookUrl}", secret: "${WEBHOOK_SECRET}" }`,
      '',
    ].join('\n'),
  );
  process.env.MANIFOLD_CONFIG = config;
  process.env.MANIFOLD_DATA_DIR = dataDir;
  process.env.MANIFOLD_DOCKER_CREDENTIALS = 'false';
}, 60_000);

afterAll(async () => {
  await target?.stop();
  await receiver?.stop();
  await source?.stop();
  await new Promise((r) => webhook?.close(r));
  const { closeDb } = await import('@/lib/store');
  closeDb();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('distribution notifications into the tag history', () => {
  it('records a skopeo copy --all of a list with its platforms and actor; blob pushes store nothing', async () => {
    await exec('skopeo', [
      'copy',
      '--all',
      '--src-tls-verify=false',
      '--dest-tls-verify=false',
      '--dest-creds',
      `${target.username}:${target.password}`,
      `docker://${source.host}/demo/shazam:latest`,
      `docker://${target.host}/team/app:latest`,
    ]);
    const t = await eventually((x) => x[0]?.digest === listDigest);
    expect(t[0]).toMatchObject({
      digest: listDigest,
      how: 'event',
      who: target.username,
      to: null,
    });
    expect(t[0]!.platforms?.map((p) => p.platform)).toEqual(
      expect.arrayContaining(['linux/amd64', 'linux/arm64']),
    );
    // The copy pushed blobs and child manifests by digest too: only the tag's push was kept.
    expect(receiver.deliveries.length).toBeGreaterThan(1);
    expect(await inboxCount()).toBe(1);
  });

  it('records a push of the same tag without arm64, naming the platform it lost', async () => {
    const client = clientFor([target]);
    const repo = { registry: target.host, repository: 'team/app' };
    const { parsed } = await client.getManifest(repo, 'latest');
    const json = JSON.parse(Buffer.from(parsed.raw).toString('utf8')) as {
      manifests: { platform?: { architecture: string } }[];
    };
    json.manifests = json.manifests.filter((m) => m.platform?.architecture !== 'arm64');
    const { digest } = await client.putManifest(
      repo,
      'latest',
      Buffer.from(JSON.stringify(json)),
      parsed.mediaType,
    );
    await client.close();
    const t = await eventually((x) => x[0]?.digest === digest);
    expect(t[0]).toMatchObject({ digest, how: 'event', who: target.username });
    expect(t[0]!.diff?.removed).toEqual(['linux/arm64']);
    expect(t[1]).toMatchObject({ digest: listDigest, to: t[0]!.from });

    // The rule requiring arm64 and the drift (arm64 lost) both reach the webhook, signed.
    const until = Date.now() + 10_000;
    while (hooks.length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    const { signBody } = await import('@/lib/events/webhooks');
    const got = hooks.map((h) => {
      expect(h.signature).toBe(signBody(WEBHOOK_SECRET, h.body));
      return JSON.parse(h.body) as {
        text: string;
        violation: { rule: string | null; missing: string[] };
      };
    });
    expect(got.map((g) => [g.violation.rule, g.violation.missing]).sort()).toEqual([
      [null, ['linux/arm64']],
      ['arm-required', ['linux/arm64']],
    ]);
    expect(got[0]!.text).toContain(`${target.host}/team/app:latest`);
    const { listViolations } = await import('@/lib/store');
    expect(listViolations({ registry: target.host, repository: 'team/app' })).toHaveLength(2);
    // The tag's history (its page's History tab) lists them.
    const q = new URLSearchParams({ registry: target.host, repository: 'team/app', tag: 'latest' });
    const res = await callRoute(HISTORY, { query: `?${q.toString()}` });
    expect(((await res.json()) as TagHistory).violations).toHaveLength(2);
  });

  it('stores nothing for pull events', async () => {
    const before = await inboxCount();
    const seen = receiver.deliveries.length;
    const client = clientFor([target]);
    await client.getManifest({ registry: target.host, repository: 'team/app' }, 'latest');
    await client.close();
    const until = Date.now() + 10_000;
    while (
      !receiver.deliveries.slice(seen).some((d) => d.body.includes('"pull"')) &&
      Date.now() < until
    )
      await new Promise((r) => setTimeout(r, 50));
    expect(receiver.deliveries.slice(seen).some((d) => d.body.includes('"pull"'))).toBe(true);
    expect(await inboxCount()).toBe(before);
  });

  it('refuses a wrong secret, a missing one, and an oversized body, and stores nothing', async () => {
    const before = await inboxCount();
    const body = receiver.deliveries.find((d) => d.body.includes('"tag"'))!.body;
    const wrong = await deliver(body, { authorization: 'Bearer not-the-secret-at-all-0000' });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    expect((await deliver(body, { authorization: '' })).status).toBe(401);
    const big = JSON.stringify({ events: [], pad: 'x'.repeat(300 * 1024) });
    expect((await deliver(big)).status).toBe(413);
    expect((await deliver(body, { 'content-type': 'text/plain' })).status).toBe(415);
    expect(await inboxCount()).toBe(before);
  });

  it('keeps one row for an event delivered twice', async () => {
    const before = await inboxCount();
    const first = receiver.deliveries.find((d) => d.body.includes('"tag"') && d.status === 202)!;
    const again = await deliver(first.body);
    expect(again.status).toBe(202);
    expect(await again.json()).toMatchObject({ stored: 0, duplicates: 1 });
    expect(await inboxCount()).toBe(before);
  });

  it('records the delete of the digest the tag held (2.x: a manifest delete names the digest) as the tag deleted', async () => {
    const client = clientFor([target]);
    const repo = { registry: target.host, repository: 'team/app' };
    const head = await client.headManifest(repo, 'latest');
    await client.deleteManifest(repo, head!.digest);
    await client.close();
    const t = await eventually((x) => x[0]?.digest === null);
    expect(t[0]).toMatchObject({ digest: null, how: 'event', who: target.username, to: null });
    expect(t[1]).toMatchObject({ digest: head!.digest, to: t[0]!.from });
  });

  it("keeps the deleted tag's page (when, by whom) and restores a recorded digest the registry still has", async () => {
    const { deletedTag } = await import('@/lib/events');
    const key = { registry: target.host, repository: 'team/app', tag: 'latest' };
    const before = await timeline();
    expect(deletedTag(key)).toMatchObject({
      at: before[0]!.from,
      by: target.username,
      how: 'event',
    });
    const res = await callRoute(RESTORE, {
      body: { ...key, digest: listDigest, expectedDigest: null },
    });
    expect(res.status).toBe(200);
    // Manifold's restore and the registry's event for the same write are one entry, by the user.
    const t = await eventually((x) => x[0]?.digest === listDigest && x[0].platforms !== null);
    expect(t[0]).toMatchObject({ digest: listDigest, how: 'manifold', action: 'restore' });
    // Against the last list it held (the one without arm64), arm64 is back.
    expect(t[0]!.diff?.added).toEqual(['linux/arm64']);
    expect(t.filter((e) => e.from === t[0]!.from)).toHaveLength(1);
    expect(deletedTag(key)).toMatchObject({ at: null });
    // The tag list's "Last pushed" comes from the same records.
    const tags = await callRoute(
      { key: 'GET tags', dir: 'tags', method: 'GET' },
      { query: `?registry=${target.host}&repository=team/app` },
    );
    const pushed = ((await tags.json()) as { pushed: Record<string, string> }).pushed;
    expect(pushed.latest! >= t[0]!.from!).toBe(true);
  });
});
