/**
 * Operations through the real routes and a real token-auth registry: /api/health and /api/ready
 * (503 naming the store when it is unreachable, naming shutdown while stopping, 200 again after),
 * the metrics a scrape shows for this test's own registry requests and job, and the JSON log lines
 * of one request and the job it started (one request id, no secret).
 */
import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';

import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import type * as HealthRoute from '@/app/api/health/route';
import type * as ReadyRoute from '@/app/api/ready/route';
import type * as RetagRoute from '@/app/api/images/retag/route';
import { createLogger, setLogger } from '@/lib/log';
import { resetShutdownForTests, shutdown } from '@/lib/lifecycle';
import { startMetricsServer } from '@/lib/ops-start';
import { closeDb, DB_FILE_NAME, getDb } from '@/lib/store';
import { seedDemo } from '@/scripts/seed-lib';
import { startRegistry, type StartedRegistry } from '@/test/support/registry';

vi.mock('server-only', () => ({}));

const PROXY = '127.0.0.9';
let registry: StartedRegistry;
let dataDir: string;
let seeded: Record<string, string>;
const lines: Record<string, unknown>[] = [];
const raw: string[] = [];
let routes: { health: typeof HealthRoute; ready: typeof ReadyRoute; retag: typeof RetagRoute };

beforeAll(async () => {
  registry = await startRegistry({ variant: 'token' });
  seeded = await seedDemo({
    url: registry.url,
    username: registry.username!,
    password: registry.password!,
  });
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'manifold-operations-'));
  const config = path.join(dataDir, 'manifold.yaml');
  await writeFile(
    config,
    JSON.stringify({
      registries: [
        { host: registry.host, username: registry.username, password: registry.password },
        // The token server is a host of its own: Manifold contacts only configured hosts.
        { host: new URL(registry.tokenServer!.realm).host },
      ],
      trustedProxies: [PROXY],
    }),
  );
  process.env.MANIFOLD_CONFIG = config;
  process.env.MANIFOLD_DATA_DIR = path.join(dataDir, 'data');
  process.env.MANIFOLD_DOCKER_CREDENTIALS = 'false';
  process.env.MANIFOLD_PEER_HEADER = '1';
  // Every line the server writes, parsed: the test reads them as an operator's log pipeline would.
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        raw.push(line);
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  setLogger(createLogger('debug', sink));
  routes = {
    health: await import('@/app/api/health/route'),
    ready: await import('@/app/api/ready/route'),
    retag: await import('@/app/api/images/retag/route'),
  };
});

afterAll(async () => {
  resetShutdownForTests();
  closeDb();
  await registry?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

function probe(p: string, host = '10.1.2.3:3000'): NextRequest {
  // A probe from a kubelet or Docker: the pod's address as Host, no cookie, no origin.
  return new NextRequest(new URL(p, `http://${host}`), { headers: { host } });
}

async function ready(): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await routes.ready.GET(probe('/api/ready'));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('/api/health and /api/ready', () => {
  it('health answers ok to a probe with a foreign Host and says nothing else', async () => {
    const res = await routes.health.GET(probe('/api/health'));
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ status: 'ok' });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('ready is 200 with every check ok, 503 naming the store when it is unreachable, then 200 again', async () => {
    const ok = await ready();
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({
      status: 'ok',
      checks: { store: 'ok', migrations: 'ok', shutdown: 'ok' },
    });

    // The database file is replaced by something that is not a database (a broken volume).
    closeDb();
    const file = path.join(dataDir, 'data', DB_FILE_NAME);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) await unlink(f).catch(() => {});
    await writeFile(file, 'this is not a database, just some bytes on a broken volume '.repeat(20));
    const down = await ready();
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({
      status: 'unavailable',
      failing: ['store', 'migrations'],
      checks: { store: 'unreachable', shutdown: 'ok' },
      error: { code: 'NOT_READY', retryable: true },
    });
    const text = JSON.stringify(down.body);
    // Neither the data folder nor the registry's credentials show in a public answer.
    expect(text).not.toContain(dataDir);
    expect(text).not.toContain(registry.password!);

    await unlink(file);
    closeDb();
    const back = await ready();
    expect(back.status).toBe(200);
  });
});

async function scrape(): Promise<string> {
  const server = await startMetricsServer('127.0.0.1', 0);
  try {
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    return await res.text();
  } finally {
    server.close();
  }
}

/** Returns the value of one series in a Prometheus text exposition, or undefined. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const inner = line.slice(name.length + 1, line.indexOf('}'));
    if (Object.entries(labels).every(([k, v]) => inner.includes(`${k}="${v}"`)))
      return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

function retag(requestId: string, peer: string, target: string): NextRequest {
  const [ref, digest] = Object.entries(seeded)[0]!;
  const repository = ref.slice(0, ref.lastIndexOf(':'));
  return new NextRequest(new URL('/api/images/retag', 'http://127.0.0.1:3000'), {
    method: 'POST',
    headers: {
      host: '127.0.0.1:3000',
      origin: 'http://127.0.0.1:3000',
      'content-type': 'application/json',
      'x-manifold-peer': peer,
      'x-request-id': requestId,
      cookie: 'manifold_session=cookie-secret-value',
    },
    body: JSON.stringify({
      registry: registry.host,
      repository,
      digest,
      targets: [{ reference: `${repository}:${target}`, expectedDigest: null }],
    }),
  });
}

describe('metrics and logs of one request and its job', () => {
  it('a scrape shows this test’s registry requests, token fetches and job; the log lines share one request id', async () => {
    lines.length = 0;
    const res = await routes.retag.POST(retag('proxy-given-id-1', PROXY, 'ops-copy'));
    expect(res.status, await res.clone().text()).toBe(200);
    const { job } = (await res.json()) as {
      job: { id: string; status: string; requestId: string };
    };
    expect(job.status).toBe('succeeded');
    // A trusted proxy's id is kept, into the job record too.
    expect(res.headers.get('x-request-id')).toBe('proxy-given-id-1');
    expect(job.requestId).toBe('proxy-given-id-1');

    const text = await scrape();
    const host = registry.host;
    expect(
      sample(text, 'manifold_registry_requests_total', {
        registry: host,
        method: 'PUT',
        status: '201',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'manifold_registry_token_fetches_total', { registry: host, status: '200' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'manifold_registry_request_duration_seconds_count', {
        registry: host,
        method: 'PUT',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'manifold_jobs_total', { kind: 'retag', outcome: 'succeeded' })).toBe(1);
    expect(
      sample(text, 'manifold_job_duration_seconds_count', { kind: 'retag', outcome: 'succeeded' }),
    ).toBe(1);
    expect(
      sample(text, 'manifold_http_request_duration_seconds_count', {
        route: '/api/images/retag',
        method: 'POST',
        status: '200',
      }),
    ).toBe(1);
    expect(text).toContain('process_cpu_seconds_total');
    expect(text).toMatch(/^manifold_jobs_running 0$/m);

    const mine = lines.filter((l) => l.reqId === 'proxy-given-id-1');
    const request = mine.find((l) => l.msg === 'request');
    expect(request).toMatchObject({
      method: 'POST',
      route: '/api/images/retag',
      status: 200,
      principal: 'local',
    });
    expect(typeof request?.durationMs).toBe('number');
    expect(mine.find((l) => l.msg === 'job finished')).toMatchObject({
      jobId: job.id,
      kind: 'retag',
      outcome: 'succeeded',
    });
    expect(
      mine.filter((l) => l.msg === 'registry request' && l.method === 'PUT').length,
    ).toBeGreaterThanOrEqual(1);
    // The registry password, its basic-auth form, the bearer tokens and the cookie never reach a line.
    const all = raw.join('\n');
    expect(all).not.toContain(registry.password!);
    expect(all).not.toContain(
      Buffer.from(`${registry.username}:${registry.password}`).toString('base64'),
    );
    expect(all).not.toContain('cookie-secret-value');
    expect(all).not.toMatch(/Bearer /);
  });

  it('an x-request-id from anyone but a trusted proxy is replaced by a new id', async () => {
    lines.length = 0;
    const res = await routes.retag.POST(retag('forged-id', '127.0.0.1', 'ops-copy-2'));
    expect(res.status).toBe(200);
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.some((l) => l.reqId === 'forged-id')).toBe(false);
    expect(lines.find((l) => l.msg === 'job finished')?.reqId).toBe(id);
  });
});

describe('shutdown', () => {
  it('ready turns 503 naming shutdown at once, and 200 again when a new process starts', async () => {
    expect((await ready()).status).toBe(200);
    const stopping = shutdown(2_000, 0);
    const during = await ready();
    expect(during.status).toBe(503);
    expect(during.body).toMatchObject({
      failing: ['shutdown'],
      checks: { shutdown: 'shutting-down' },
    });
    await stopping;
    resetShutdownForTests();
    expect((await ready()).status).toBe(200);
    expect(getDb().open).toBe(true);
  });
});
