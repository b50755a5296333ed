// `npm run bench`: what a user waits for, measured through a production server's HTTP API
// (`next build` when .next is stale, then `next start` on loopback) against local distribution
// registries, side by side with skopeo in the same run. Prints requests (from the registry's
// access log), medians of BENCH_ROUNDS (default 5) rounds, ratios, the server's peak memory while
// it copies a 256 MiB layer across registries, the first page of big listings and the first-load
// JavaScript of every page. docs/performance.md records a run.
//   BENCH_ROUNDS=5 BENCH_BIG_MIB=256 npm run bench   (BENCH_SKIP_BUILD=1: use .next as it is)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
  ensureProductionBuild,
  processMemory,
  processTree,
  startAppServer,
  type AppServer,
} from '../test/support/app-server';
import { startRegistry, type StartedRegistry } from '../test/support/registry';
import type { AccessLogEntry } from '../test/support/access-log';
import { benchCoverage } from './bench-coverage';
import {
  Api,
  loadAverage,
  median,
  skopeoCopy,
  skopeoInspect,
  time,
  type JobTiming,
} from './bench-http';
import { pageBundles } from './bundle-size';
import { benchList, pushBigList, pushList, seedListings, SeedClient } from './bench-seed';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const BIG_MIB = Number(process.env.BENCH_BIG_MIB ?? 256);
const SRC = 'bench/src';

interface Row {
  work: string;
  ms: number;
  requests?: number;
  note?: string;
  skopeoMs?: number;
  skopeoRequests?: number;
}

const rows: Row[] = [];
const fmt = (ms: number) => (Number.isFinite(ms) ? ms.toFixed(1) : '-');

function print(row: Row): void {
  rows.push(row);
  const ratio =
    row.skopeoMs !== undefined ? `${(row.ms / row.skopeoMs).toFixed(2)}x of skopeo` : '';
  console.log(
    `${row.work.padEnd(58)} ${fmt(row.ms).padStart(9)} ms ${String(row.requests ?? '-').padStart(5)} req` +
      (row.skopeoMs !== undefined
        ? ` | skopeo ${fmt(row.skopeoMs).padStart(8)} ms ${String(row.skopeoRequests ?? '-').padStart(4)} req | ${ratio}` +
          ` (${(row.skopeoMs / row.ms).toFixed(1)}x faster)`
        : '') +
      (row.note ? ` | ${row.note}` : '') +
      ` | load ${loadAverage()}`,
  );
}

/** Returns the medians of the jobs' phases as a note: POST, queued, run, total (ms). */
function jobNote(jobs: JobTiming[]): string {
  const m = (k: 'postMs' | 'queuedMs' | 'runMs' | 'totalMs') =>
    median(jobs.map((j) => j[k])).toFixed(0);
  return `job: POST ${m('postMs')}, queued ${m('queuedMs')}, run ${m('runMs')}, total ${m('totalMs')} ms`;
}

/** Runs `fn` with the access log cleared first; returns its time and the requests it made. */
async function counted(
  registry: StartedRegistry,
  fn: () => Promise<unknown>,
): Promise<{ ms: number; log: AccessLogEntry[] }> {
  await registry.clearAccessLog();
  const ms = await time(fn);
  return { ms, log: await registry.accessLog() };
}

async function seedLists(a: StartedRegistry): Promise<Record<string, string>> {
  const client = new SeedClient({ url: a.url });
  const digests: Record<string, string> = {};
  try {
    for (const [name, count] of [
      ['i5', 5],
      ['i16', 16],
      ['c5', 5],
      ['p5', 5],
    ] as const) {
      for (let r = 0; r <= ROUNDS; r++) {
        const tag = `${name}-r${r}`;
        digests[tag] = await pushList(client, SRC, tag, benchList(count, tag));
      }
    }
  } finally {
    client.close();
  }
  return digests;
}

async function inspectRows(api: Api, a: StartedRegistry, count: 5 | 16): Promise<void> {
  const name = `i${count}`;
  await api.inspect(`${a.host}/${SRC}:${name}-r${ROUNDS}`); // the route loaded, connections open
  const cold: number[] = [];
  const skopeo: number[] = [];
  let requests = 0;
  let skopeoRequests = 0;
  let coldTiming = '';
  for (let r = 0; r < ROUNDS; r++) {
    const ref = `${a.host}/${SRC}:${name}-r${r}`;
    const m = await counted(a, async () => {
      coldTiming = (await api.inspect(ref)).serverTiming ?? '';
    });
    cold.push(m.ms);
    requests = m.log.length;
    const s = await counted(a, () => skopeoInspect(ref, `${a.host}/${SRC}`));
    skopeo.push(s.ms);
    skopeoRequests = s.log.length;
  }
  print({
    work: `inspect ${count} platforms cold (GET /api/inspect)`,
    ms: median(cold),
    requests,
    note: `target <= ${1 + 2 * count} req`,
    skopeoMs: median(skopeo),
    skopeoRequests,
  });
  if (coldTiming) console.log(`  Server-Timing (cold, last round): ${coldTiming}`);
  const warm: number[] = [];
  let timing = '';
  for (let r = 0; r < ROUNDS; r++) {
    const m = await counted(a, async () => {
      timing = (await api.inspect(`${a.host}/${SRC}:${name}-r0`)).serverTiming ?? '';
    });
    warm.push(m.ms);
    requests = m.log.length;
  }
  print({ work: `inspect ${count} platforms warm`, ms: median(warm), requests });
  if (timing) console.log(`  Server-Timing (warm): ${timing}`);
}

// A mount is a POST to the uploads endpoint answered 201; anything else there moves bytes.
const isMount = (e: AccessLogEntry) =>
  e.kind === 'upload' && e.method === 'POST' && e.status === 201;
const isUpload = (e: AccessLogEntry) => e.kind === 'upload' && !isMount(e);
const isLayerGet = (e: AccessLogEntry) => e.kind === 'blob' && e.method === 'GET';

async function copyRows(api: Api, a: StartedRegistry, digests: Record<string, string>) {
  const source = (tag: string) => ({ registry: a.host, repository: SRC, digest: digests[tag]! });
  await api.copy(source(`c5-r${ROUNDS}`), `${a.host}/bench/warmup-copy:latest`);
  const m: number[] = [];
  const again: number[] = [];
  const s: number[] = [];
  let log: AccessLogEntry[] = [];
  let againLog: AccessLogEntry[] = [];
  let skopeoLog: AccessLogEntry[] = [];
  const jobs: JobTiming[] = [];
  const againJobs: JobTiming[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const first = await counted(a, () =>
      api.copy(source(`c5-r${r}`), `${a.host}/bench/copy-m${r}:latest`),
    );
    m.push(first.ms);
    jobs.push(api.lastJob!);
    log = first.log;
    const second = await counted(a, () =>
      api.copy(source(`c5-r${r}`), `${a.host}/bench/copy-m${r}:again`),
    );
    again.push(second.ms);
    againJobs.push(api.lastJob!);
    againLog = second.log;
    const sk = await counted(a, () =>
      skopeoCopy(`${a.host}/${SRC}:c5-r${r}`, `${a.host}/bench/copy-s${r}:latest`),
    );
    s.push(sk.ms);
    skopeoLog = sk.log;
  }
  const detail = (l: AccessLogEntry[]) =>
    `${l.filter(isLayerGet).length} blob GET, ${l.filter(isMount).length} mounts, ${l.filter(isUpload).length} upload req`;
  print({
    work: 'copy 5 platforms to a new repository (same registry)',
    ms: median(m),
    requests: log.length,
    note: `${detail(log)}; skopeo ${detail(skopeoLog)}; ${jobNote(jobs)}`,
    skopeoMs: median(s),
    skopeoRequests: skopeoLog.length,
  });
  console.log(`  Server-Timing (POST, last round): ${jobs.at(-1)?.postTiming ?? ''}`);
  print({
    work: 'copy again, everything present',
    ms: median(again),
    requests: againLog.length,
    note: `${detail(againLog)}; ${jobNote(againJobs)}`,
  });
}

async function pushRows(api: Api, a: StartedRegistry): Promise<void> {
  const pushJobs: JobTiming[] = [];
  const warm = await api.draftFrom('bench warm-up', `${a.host}/${SRC}:p5-r${ROUNDS}`);
  await api.push(warm, `${a.host}/bench/warmup-push:latest`);
  const m: number[] = [];
  const s: number[] = [];
  let log: AccessLogEntry[] = [];
  let skopeoLog: AccessLogEntry[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const draft = await api.draftFrom(`bench ${r}`, `${a.host}/${SRC}:p5-r${r}`);
    const first = await counted(a, () => api.push(draft, `${a.host}/bench/push-m${r}:latest`));
    m.push(first.ms);
    pushJobs.push(api.lastJob!);
    log = first.log;
    const sk = await counted(a, () =>
      skopeoCopy(`${a.host}/${SRC}:p5-r${r}`, `${a.host}/bench/push-s${r}:latest`),
    );
    s.push(sk.ms);
    skopeoLog = sk.log;
  }
  print({
    work: 'push a 5-platform draft to a new repository',
    ms: median(m),
    requests: log.length,
    note: jobNote(pushJobs),
    skopeoMs: median(s),
    skopeoRequests: skopeoLog.length,
  });
  console.log(`  Server-Timing (POST, last round): ${pushJobs.at(-1)?.postTiming ?? ''}`);
}

async function bigRow(api: Api, app: AppServer, a: StartedRegistry, b: StartedRegistry) {
  const client = new SeedClient({ url: a.url });
  const big = await pushBigList(client, a.url, 'bench/big', 'latest', BIG_MIB).finally(() =>
    client.close(),
  );
  const pids = processTree(app.pid());
  const before = new Map(pids.map((p) => [p, processMemory(p).rss]));
  // Resets VmHWM to the current RSS (Linux >= 4.0), so the peak is this copy's.
  for (const p of pids) fs.writeFileSync(`/proc/${p}/clear_refs`, '5');
  const ms = await api.copy(
    { registry: a.host, repository: 'bench/big', digest: big.digest },
    `${b.host}/bench/big-m:latest`,
  );
  let growth = 0;
  let peak = 0;
  for (const p of pids) {
    const m = processMemory(p);
    growth = Math.max(growth, m.hwm - (before.get(p) ?? 0));
    peak = Math.max(peak, m.hwm);
  }
  const skopeoMs = await time(() =>
    skopeoCopy(`${a.host}/bench/big:latest`, `${b.host}/bench/big-s:latest`),
  );
  const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
  print({
    work: `copy a ${BIG_MIB} MiB layer across registries (1 round)`,
    ms,
    note: `server VmHWM ${mib(peak)}, growth ${mib(growth)} (target <= 64 MiB)`,
    skopeoMs,
  });
}

async function listingRows(api: Api, a: StartedRegistry, b: StartedRegistry): Promise<void> {
  const client = new SeedClient({ url: b.url });
  try {
    await seedListings(client, b.dataDir, {
      repo: 'bench/many-tags',
      tags: 5000,
      prefix: 'bench/repos',
      repos: 2000,
    });
  } finally {
    client.close();
  }
  for (const [work, url] of [
    [
      'first page of 5,000 tags (GET /api/tags)',
      `/api/tags?registry=${b.host}&repository=bench/many-tags`,
    ],
    [
      'first page of 2,000 repositories (GET /api/registries/x/repositories)',
      `/api/registries/${b.host}/repositories`,
    ],
    ['repository page with 5,000 tags (HTML)', `/repo/${b.host}/bench/many-tags`],
    ['registry page with 2,000 repositories (HTML)', `/registry/${b.host}`],
  ] as const) {
    const times: number[] = [];
    await fetch(api.base + url).then((r) => r.arrayBuffer());
    for (let r = 0; r < ROUNDS; r++)
      times.push(await time(() => fetch(api.base + url).then((res) => res.arrayBuffer())));
    void a;
    print({ work, ms: median(times), note: 'target < 500 ms' });
  }
}

/** Prints each page's first-load JavaScript (gzipped) from the `.next` build. */
function printBundles(): void {
  console.log('\nFirst-load JavaScript per page (gzipped, from the .next build)\n');
  console.log(`${'page'.padEnd(30)} ${'kB'.padStart(8)} ${'files'.padStart(6)}`);
  for (const b of pageBundles())
    console.log(
      `${b.route.padEnd(30)} ${(b.gzipBytes / 1000).toFixed(1).padStart(8)} ${String(b.files.length).padStart(6)}`,
    );
}

async function main(): Promise<void> {
  console.log(`bench: ${os.cpus().length} CPUs, Node ${process.version}, load ${loadAverage()}`);
  // BENCH_ONLY=coverage runs the registry-wide coverage scan alone; BENCH_ONLY=api the API rows
  // (inspect, copy, push) alone.
  const only = process.env.BENCH_ONLY;
  if (only === 'coverage') return benchCoverage();
  if (process.env.BENCH_SKIP_BUILD !== '1') {
    console.log('building (skipped when .next is fresh) ...');
    ensureProductionBuild();
  }
  const a = await startRegistry({ variant: 'plain' });
  const b = await startRegistry({ variant: 'plain' });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifold-bench-'));
  let app: AppServer | undefined;
  try {
    const digests = await seedLists(a);
    app = await startAppServer({ dataDir, registries: [a.host, b.host] });
    const api = new Api(app.url);
    console.log(`\nmedians of ${ROUNDS} rounds; ratio = Manifold time / skopeo time\n`);
    await inspectRows(api, a, 5);
    await inspectRows(api, a, 16);
    await copyRows(api, a, digests);
    await pushRows(api, a);
    if (only !== 'api') {
      await listingRows(api, a, b);
      await bigRow(api, app, a, b);
      printBundles();
    }
  } finally {
    await app?.stop();
    await a.stop();
    await b.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  if (only !== 'api') await benchCoverage();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
