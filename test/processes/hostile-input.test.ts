/**
 * Real processes: a production build under `next start` talking to a scripted hostile registry
 * whose catalog and tag lists never end. A pathological tag pattern and an endless tag list are
 * run against the server: another request is answered promptly while they run, the server's
 * memory stays bounded, and once the scan is cancelled the registry is asked nothing more.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  ensureProductionBuild,
  processMemory,
  startAppServer,
  type AppServer,
} from '@/test/support/app-server';
import {
  HOSTILE_TAG,
  startHostileRegistry,
  type HostileRegistry,
} from '@/test/support/hostile-registry';

const MiB = 1024 * 1024;
/**
 * Growth of the server's resident memory a scan may cause. Within the caps it peaks near 300 MiB
 * (garbage of ~1 GB of tag pages read in 30 s, not yet collected); without them every page read is
 * kept and that whole gigabyte stays.
 */
const MEMORY_BUDGET = 512 * MiB;
/** How long another request may take while the hostile work runs. */
const PROMPT_MS = 2000;

let hostile: HostileRegistry;
let app: AppServer;
let dataDir: string;

async function api<T>(
  method: string,
  url: string,
  body?: unknown,
  timeoutMs = 60_000,
): Promise<{ status: number; json: T; ms: number }> {
  const started = Date.now();
  const res = await fetch(app.url + url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json', origin: app.url },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: res.status, json: (await res.json()) as T, ms: Date.now() - started };
}

/** Returns how long an unrelated read takes (it fails the test when the server does not answer). */
async function otherRequestMs(): Promise<number> {
  const res = await api('GET', '/api/activity?limit=1', undefined, 10_000);
  expect(res.status).toBe(200);
  return res.ms;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  ensureProductionBuild();
  hostile = await startHostileRegistry({ tagLength: 128 });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifold-hostile-'));
  app = await startAppServer({ dataDir, registries: [hostile.host] });
}, 600_000);

afterAll(async () => {
  await app?.stop();
  await hostile?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('a production server and a hostile registry', () => {
  it('refuses a tag pattern over the wildcard caps as VALIDATION naming the field', async () => {
    const res = await api<{ error: { code: string; message: string } }>(
      'POST',
      '/api/coverage/estimate',
      { registry: hostile.host, tagRule: { kind: 'pattern', patterns: ['*?'.repeat(30)] } },
    );
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('VALIDATION');
    expect(res.json.error.message).toContain('tagRule.patterns.0');
    expect(res.ms).toBeLessThan(PROMPT_MS);
  });

  it('matches a pathological pattern within the caps against a page of long tags without stalling other requests', async () => {
    const estimate = api<{ tags: number; sampled: number }>('POST', '/api/coverage/estimate', {
      registry: hostile.host,
      scope: { kind: 'repositories', repositories: ['endless/r1'] },
      tagRule: { kind: 'pattern', patterns: [`${'*?'.repeat(8)}z`] },
    });
    await sleep(200);
    expect(await otherRequestMs()).toBeLessThan(PROMPT_MS);
    const done = await estimate;
    expect(done.status, JSON.stringify(done.json)).toBe(200);
    expect(done.json).toMatchObject({ tags: 0, sampled: 1 });
  });

  it('answers the estimate of an endless catalog, cut at the caps', async () => {
    const res = await api<{ truncated: boolean; repositories: number; dropped: number }>(
      'POST',
      '/api/coverage/estimate',
      { registry: hostile.host, tagRule: { kind: 'pattern', patterns: ['latest'] } },
    );
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.truncated).toBe(true);
    expect(res.json.dropped).toBeGreaterThan(0);
  });

  it('keeps a tag page free of names outside the grammar', async () => {
    const res = await api<{ tags: string[]; dropped: number }>(
      'GET',
      `/api/tags?registry=${encodeURIComponent(hostile.host)}&repository=endless/r1&n=5`,
    );
    expect(res.status).toBe(200);
    expect(res.json.tags).toHaveLength(5);
    expect(res.json.tags).not.toContain(HOSTILE_TAG);
    expect(res.json.dropped).toBe(1);
  });

  it('scans an endless catalog of endless tag lists in bounded memory, answering others, and goes quiet on cancel', async () => {
    const baseline = processMemory(app.pid()).rss;
    const started = await api<{ id: string }>('POST', '/api/coverage/scans', {
      registry: hostile.host,
      tagRule: { kind: 'pattern', patterns: ['t1-*'] },
      concurrency: 2,
    });
    expect(started.status, JSON.stringify(started.json)).toBe(202);
    let peak = baseline;
    const slowest: number[] = [];
    const until = Date.now() + 30_000;
    while (Date.now() < until) {
      slowest.push(await otherRequestMs());
      peak = Math.max(peak, processMemory(app.pid()).rss);
      await sleep(500);
    }
    const tagPages = hostile.counts.tags;
    console.log(
      `scan: ${tagPages} tag pages in 30 s, rss ${Math.round(baseline / MiB)} -> peak ${Math.round(peak / MiB)} MiB, slowest other request ${Math.max(...slowest)} ms`,
    );
    // The scan really was reading the endless lists the whole time.
    expect(tagPages).toBeGreaterThan(50);
    expect(Math.max(...slowest)).toBeLessThan(PROMPT_MS);
    expect(peak - baseline, `peak ${peak / MiB} MiB, baseline ${baseline / MiB} MiB`).toBeLessThan(
      MEMORY_BUDGET,
    );

    const cancelled = await api('POST', `/api/coverage/scans/${started.json.id}/cancel`, {});
    expect(cancelled.status, JSON.stringify(cancelled.json)).toBeLessThan(300);
    await sleep(1000);
    const quiet = { ...hostile.counts };
    await sleep(2000);
    expect(hostile.counts).toEqual(quiet);
    expect(processMemory(app.pid()).rss - baseline).toBeLessThan(MEMORY_BUDGET);
  }, 120_000);
});
