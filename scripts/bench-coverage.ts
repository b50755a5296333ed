// The coverage part of `npm run bench`: a registry of 2,000 repositories x 3 tags (seeded once
// and kept in a temp dir between runs), scanned twice by a production Manifold server through
// its API; reports time, registry requests (from the registry's access log) and the server's
// peak memory (VmHWM of its processes).
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { requestSummary } from '../test/support/access-log';
import {
  ensureProductionBuild,
  processMemory,
  processTree,
  startAppServer,
  type AppServer,
} from '../test/support/app-server';
import { startRegistry, type StartedRegistry } from '../test/support/registry';
import { buildCoveragePlan, seedCoverage } from './seed-coverage';

const REPOSITORIES = Number(process.env.BENCH_COVERAGE_REPOSITORIES ?? 2000);
const TAGS = ['1.0', '1.1', 'latest'];
const CONCURRENCY = Number(process.env.BENCH_COVERAGE_CONCURRENCY ?? 8);

interface ScanAnswer {
  id: string;
  status: string;
  error?: unknown;
  requests: number;
}

async function api<T>(app: AppServer, method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(app.url + url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json', origin: app.url },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** Returns the peak RSS (VmHWM, bytes) over the server's processes. */
function serverPeak(app: AppServer): number {
  return Math.max(...processTree(app.pid()).map((p) => processMemory(p).hwm));
}

async function seededRegistry(): Promise<{ registry: StartedRegistry; seededMs?: number }> {
  const dataDir = path.join(os.tmpdir(), `manifold-bench-coverage-v1-${REPOSITORIES}`);
  const marker = path.join(dataDir, 'seeded');
  if (existsSync(marker)) {
    return { registry: await startRegistry({ variant: 'plain', dataDir }) };
  }
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const registry = await startRegistry({ variant: 'plain', dataDir });
  const t0 = performance.now();
  const plan = buildCoveragePlan({ namespace: 'bench', count: REPOSITORIES, tags: TAGS });
  await seedCoverage({ url: registry.url }, plan, { concurrency: 16 });
  writeFileSync(marker, new Date().toISOString());
  return { registry, seededMs: performance.now() - t0 };
}

/** Runs the coverage bench against a production server and prints its table. */
export async function benchCoverage(): Promise<void> {
  ensureProductionBuild();
  const { registry, seededMs } = await seededRegistry();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'manifold-bench-coverage-app-'));
  let app: AppServer | undefined;
  try {
    app = await startAppServer({ dataDir, registries: [registry.host] });
    const server = app;
    const idleRss = Math.max(...processTree(server.pid()).map((p) => processMemory(p).rss));
    const scan = async (what: string) => {
      await registry.clearAccessLog();
      const t0 = performance.now();
      const started = await api<ScanAnswer>(server, 'POST', '/api/coverage/scans', {
        registry: registry.host,
        concurrency: CONCURRENCY,
      });
      let s = started;
      while (s.status === 'queued' || s.status === 'running') {
        await new Promise((r) => setTimeout(r, 100));
        s = await api<ScanAnswer>(server, 'GET', `/api/coverage/scans/${started.id}`);
      }
      const ms = performance.now() - t0;
      if (s.status !== 'succeeded') throw new Error(`${what} failed: ${JSON.stringify(s.error)}`);
      const log = await registry.accessLog();
      return {
        what,
        ms,
        logged: log.length,
        peak: serverPeak(server),
        summary: requestSummary(log),
      };
    };
    const rows = [await scan('first scan (nothing cached)'), await scan('second scan (unchanged)')];
    console.log(
      `\nCoverage scan of ${REPOSITORIES} repositories x ${TAGS.length} tags by the server, concurrency ${CONCURRENCY}` +
        (seededMs !== undefined
          ? ` (registry seeded in ${(seededMs / 1000).toFixed(1)} s, kept for the next run)`
          : ' (registry seeded by an earlier run)') +
        '\n',
    );
    console.log(
      `${'what'.padEnd(30)} ${'seconds'.padStart(8)} ${'requests'.padStart(9)} ${'req/s'.padStart(7)} ${'server peak MiB'.padStart(16)}`,
    );
    for (const r of rows) {
      const sec = r.ms / 1000;
      console.log(
        `${r.what.padEnd(30)} ${sec.toFixed(1).padStart(8)} ${String(r.logged).padStart(9)} ${String(Math.round(r.logged / sec)).padStart(7)} ${(r.peak / 1024 / 1024).toFixed(0).padStart(16)}`,
      );
      console.log(`  ${JSON.stringify(r.summary)}`);
    }
    console.log(
      `\nServer RSS ${(idleRss / 1024 / 1024).toFixed(0)} MiB before the scans, peak (VmHWM) ${(rows.at(-1)!.peak / 1024 / 1024).toFixed(0)} MiB.`,
    );
  } finally {
    await app?.stop();
    await registry.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
