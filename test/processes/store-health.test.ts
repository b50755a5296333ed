/**
 * The store under a real `next start`: a second server on the same SQLite data folder is refused
 * (and leaves the first one's jobs alone), a server killed with kill -9 starts again at once, a
 * damaged database stops a start with the file named, and while another process holds the write
 * lock the server keeps answering within 100 ms.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { seedDemo } from '@/scripts/seed-lib';
import { ensureProductionBuild, startAppServer, type AppServer } from '@/test/support/app-server';
import { startRegistry, type StartedRegistry } from '@/test/support/registry';
import { holdInChild } from '@/test/support/store-faults';

let registry: StartedRegistry;
let app: AppServer;
let dataDir: string;

beforeAll(async () => {
  ensureProductionBuild();
  registry = await startRegistry({ variant: 'plain' });
  await seedDemo({ url: registry.url });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifold-store-health-'));
  app = await startAppServer({ dataDir, registries: [registry.host] });
}, 600_000);

afterAll(async () => {
  await app?.stop();
  await registry?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

async function timed(method: string, url: string, body?: unknown) {
  const started = performance.now();
  const res = await fetch(app.url + url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json', origin: app.url },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(30_000),
  });
  const json = (await res.json()) as { error?: { code: string } };
  return { status: res.status, json, ms: performance.now() - started };
}

/** Returns what a refused `next start` printed (it must exit instead of answering). */
async function refusedStart(dir: string): Promise<string> {
  const err = await startAppServer({ dataDir: dir, registries: [registry.host] }).then(
    async (started) => {
      await started.stop();
      return undefined;
    },
    (e: unknown) => e,
  );
  expect(err, 'the server started').toBeInstanceOf(Error);
  return (err as Error).message;
}

describe('the store of a production server', () => {
  it('refuses a second server on the same data folder, naming PostgreSQL for replicas; the first goes on', async () => {
    const created = await timed('POST', '/api/drafts', { name: 'first server' });
    expect(created.status).toBe(201);
    const out = await refusedStart(dataDir);
    expect(out).toContain('exited 1');
    expect(out).toContain('in use by another Manifold process');
    expect(out).toContain(dataDir);
    expect(out).toContain('MANIFOLD_DATABASE_URL');
    const drafts = await timed('GET', '/api/drafts');
    expect(drafts.status).toBe(200);
  });

  it('keeps answering within 100 ms while another process holds the write lock', async () => {
    const ref = encodeURIComponent(`${registry.host}/demo/shazam:latest`);
    // Each route's first call loads its code: that cost is not the lock's.
    expect((await timed('GET', `/api/inspect?ref=${ref}`)).status).toBe(200);
    const holder = await holdInChild(['write-lock', path.join(dataDir, 'manifold.db'), '6000']);
    const times: Record<'write' | 'list' | 'inspect', number[]> = {
      write: [],
      list: [],
      inspect: [],
    };
    try {
      for (let round = 0; round < 5; round++) {
        // The write and the reads at once: a write waiting on the lock must not hold them up.
        const [write, list, inspect] = await Promise.all([
          timed('POST', '/api/drafts', { name: `during-${round}` }),
          timed('GET', '/api/drafts'),
          timed('GET', `/api/inspect?ref=${ref}`),
        ]);
        expect(write.status).toBe(503);
        expect(write.json.error?.code).toBe('STORE_BUSY');
        expect(list.status).toBe(200);
        expect(inspect.status).toBe(200);
        times.write.push(write.ms);
        times.list.push(list.ms);
        times.inspect.push(inspect.ms);
      }
    } finally {
      await holder.kill9();
    }
    // The machines running this are shared and loaded: the median says what the server does, the
    // slowest answer that nothing waited for the lock (6 s).
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    expect(median(times.write), JSON.stringify(times)).toBeLessThan(100);
    expect(median(times.list), JSON.stringify(times)).toBeLessThan(100);
    expect(Math.max(...times.write, ...times.list, ...times.inspect)).toBeLessThan(1000);
    expect((await timed('POST', '/api/drafts', { name: 'after the lock' })).status).toBe(201);
  });

  it('starts again at once after kill -9 (the lock dies with the process)', async () => {
    await app.kill9();
    await app.restart();
    const drafts = await timed('GET', '/api/drafts');
    expect(drafts.status).toBe(200);
  });

  it('refuses to start on a database whose header is damaged, naming the file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifold-store-damaged-'));
    try {
      const file = path.join(dir, 'manifold.db');
      fs.writeFileSync(file, Buffer.alloc(8192, 0x42));
      const out = await refusedStart(dir);
      expect(out).toContain(`The database ${file} is damaged`);
      expect(fs.readFileSync(file)).toEqual(Buffer.alloc(8192, 0x42));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
