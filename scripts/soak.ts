// `npm run soak`: a bounded soak run (not a test). Readers and writers at once for N minutes
// against a real production server and a real registry on loopback: 20 readers cycle through
// inspect, the tag list, the home page and a job's progress; a writer starts a copy every 3 s.
// Prints latency percentiles and errors per kind, the server's RSS over time and the store's size.
//   npm run soak                        3 minutes (SOAK_MINUTES or `-- --minutes 10`)
//   SOAK_READERS=20 SOAK_WRITE_EVERY_MS=3000
//   MANIFOLD_HEAP_MB=256                the server's heap ceiling, as `npm start` sets it
//   SOAK_NODE_OPTIONS='--require ./x.cjs'  extra NODE_OPTIONS for the server
//   SOAK_HEAP_SNAPSHOTS=1               the server writes a heap snapshot on SIGUSR2; the soak
//                                       sends one after warm-up and one at the end (in the data dir,
//                                       kept when SOAK_KEEP=1)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import {
  ensureProductionBuild,
  processMemory,
  processTree,
  startAppServer,
} from '../test/support/app-server';
import { startRegistry } from '../test/support/registry';
import { seedDemo } from './seed-lib';

const READERS = Number(process.env.SOAK_READERS ?? 20);
const WRITE_EVERY_MS = Number(process.env.SOAK_WRITE_EVERY_MS ?? 3000);
const SAMPLE_EVERY_MS = 1000;
const REPOSITORY = 'demo/shazam';

type Kind = 'inspect' | 'tags' | 'home' | 'job' | 'copy';
interface Sample {
  kind: Kind;
  ms: number;
  ok: boolean;
  status: string;
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summarise(name: string, samples: Sample[], seconds: number): string {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const fmt = (n: number) => `${n.toFixed(0)} ms`.padStart(7);
  return (
    `${name.padEnd(8)} ${String(samples.length).padStart(7)} requests ` +
    `${(samples.length / seconds).toFixed(1).padStart(6)}/s  ` +
    `p50 ${fmt(percentile(ms, 50))}  p95 ${fmt(percentile(ms, 95))}  p99 ${fmt(percentile(ms, 99))}  ` +
    `errors ${samples.filter((s) => !s.ok).length}`
  );
}

/** Times one request; a failure is a sample too (its status or the network error's code). */
async function timed(
  samples: Sample[],
  kind: Kind,
  run: () => Promise<Response>,
): Promise<unknown> {
  const started = performance.now();
  try {
    const res = await run();
    const text = await res.text();
    samples.push({ kind, ms: performance.now() - started, ok: res.ok, status: String(res.status) });
    if (!res.ok) return undefined;
    return res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
  } catch (err) {
    const e = err as { cause?: { code?: string }; name?: string };
    samples.push({
      kind,
      ms: performance.now() - started,
      ok: false,
      status: e.cause?.code ?? e.name ?? 'error',
    });
    return undefined;
  }
}

interface Shared {
  base: string;
  registry: string;
  digest: string;
  lastJob?: string;
  until: number;
}

async function reader(s: Shared, samples: Sample[], id: number): Promise<void> {
  const paths: Array<[Kind, () => string | undefined]> = [
    [
      'inspect',
      () => `/api/inspect?ref=${encodeURIComponent(`${s.registry}/${REPOSITORY}:latest`)}`,
    ],
    [
      'tags',
      () =>
        `/api/tags?registry=${encodeURIComponent(s.registry)}&repository=${encodeURIComponent(REPOSITORY)}`,
    ],
    ['home', () => '/'],
    ['job', () => (s.lastJob ? `/api/jobs/${s.lastJob}` : undefined)],
  ];
  for (let n = id; Date.now() < s.until; n++) {
    const [kind, pathOf] = paths[n % paths.length]!;
    const p = pathOf();
    if (p === undefined) continue;
    await timed(samples, kind, () => fetch(s.base + p, { signal: AbortSignal.timeout(30_000) }));
  }
}

/** Starts a copy of the demo list every WRITE_EVERY_MS, over a rotating set of 20 tags. */
async function writer(s: Shared, samples: Sample[]): Promise<void> {
  const written = new Set<string>();
  for (let n = 0; Date.now() < s.until; n++) {
    const next = Date.now() + WRITE_EVERY_MS;
    const destination = `${s.registry}/soak/copy:t${n % 20}`;
    const body = {
      registry: s.registry,
      repository: REPOSITORY,
      digest: s.digest,
      destination,
      // The same list lands on each tag again: after the first copy the tag holds the source digest.
      expectedDigest: written.has(destination) ? s.digest : null,
    };
    const answer = (await timed(samples, 'copy', () =>
      fetch(`${s.base}/api/images/copy`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: s.base },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      }),
    )) as { job?: { id: string } } | undefined;
    if (answer?.job) {
      s.lastJob = answer.job.id;
      written.add(destination);
    }
    await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
  }
}

function treeRss(pid: number): number {
  return processTree(pid).reduce((sum, p) => sum + processMemory(p).rss, 0);
}

function storeBytes(dataDir: string): number {
  return ['manifold.db', 'manifold.db-wal', 'manifold.db-shm']
    .map((f) => path.join(dataDir, f))
    .filter((f) => fs.existsSync(f))
    .reduce((sum, f) => sum + fs.statSync(f).size, 0);
}

function report(
  samples: Sample[],
  seconds: number,
  rss: Array<[number, number]>,
  dataDir: string,
): void {
  console.log(
    `\n${READERS} readers + 1 copy every ${WRITE_EVERY_MS} ms, ${(seconds / 60).toFixed(1)} min, ${os.cpus().length} CPUs, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}, Node ${process.version}`,
  );
  console.log(summarise('all', samples, seconds));
  for (const kind of ['inspect', 'tags', 'home', 'job', 'copy'] as const)
    console.log(
      summarise(
        kind,
        samples.filter((s) => s.kind === kind),
        seconds,
      ),
    );
  const failures = new Map<string, number>();
  for (const s of samples.filter((x) => !x.ok)) {
    const key = `${s.kind} ${s.status}`;
    failures.set(key, (failures.get(key) ?? 0) + 1);
  }
  console.log(
    `errors by cause: ${failures.size ? [...failures].map(([k, v]) => `${k} x${v}`).join(', ') : 'none'}`,
  );
  // RSS once a minute (and the last sample); the band after the first minute is what matters.
  const perMinute = rss.filter(
    ([t], i) =>
      i === rss.length - 1 || Math.floor(t / 60) !== Math.floor((rss[i + 1]?.[0] ?? 0) / 60),
  );
  console.log(
    `server RSS: ${perMinute.map(([t, b]) => `${Math.round(t)} s ${mib(b)}`).join(', ')}`,
  );
  const after = rss.filter(([t]) => t >= 60).map(([, b]) => b);
  if (after.length > 0)
    console.log(
      `after warm-up (60 s on): min ${mib(Math.min(...after))}, max ${mib(Math.max(...after))}`,
    );
  console.log(
    `peak RSS ${mib(Math.max(...rss.map(([, b]) => b)))}, store ${mib(storeBytes(dataDir))}`,
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { minutes: { type: 'string' } } });
  const minutes = Number(values.minutes ?? process.env.SOAK_MINUTES ?? 3);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifold-soak-'));
  const registry = await startRegistry({ variant: 'plain' });
  let app: Awaited<ReturnType<typeof startAppServer>> | undefined;
  try {
    await seedDemo({ url: registry.url });
    console.log('building (skipped when .next is fresh) ...');
    ensureProductionBuild();
    const snapshots = process.env.SOAK_HEAP_SNAPSHOTS === '1';
    // What `npm start` gives the server (package.json): the heap ceiling keeps V8 from growing
    // the old generation to several times the live data before it collects.
    const nodeOptions = [
      `--max-old-space-size=${process.env.MANIFOLD_HEAP_MB ?? 256}`,
      process.env.SOAK_NODE_OPTIONS,
      snapshots ? '--heapsnapshot-signal=SIGUSR2' : undefined,
    ].filter(Boolean);
    app = await startAppServer({
      dataDir,
      registries: [registry.host],
      env: { NODE_OPTIONS: nodeOptions.join(' ') },
    });
    const inspected = (await (
      await fetch(
        `${app.url}/api/inspect?ref=${encodeURIComponent(`${registry.host}/${REPOSITORY}:latest`)}`,
      )
    ).json()) as { digest: string };
    const started = Date.now();
    const shared: Shared = {
      base: app.url,
      registry: registry.host,
      digest: inspected.digest,
      until: started + minutes * 60_000,
    };
    const rss: Array<[number, number]> = [];
    const pid = app.pid();
    const sampler = setInterval(
      () => rss.push([(Date.now() - started) / 1000, treeRss(pid)]),
      SAMPLE_EVERY_MS,
    );
    const progress = setInterval(() => {
      const last = rss.at(-1);
      if (last)
        console.log(
          `${Math.round(last[0])} s  RSS ${mib(last[1])}  store ${mib(storeBytes(dataDir))}`,
        );
    }, 30_000);
    const snapshot = snapshots ? setTimeout(() => process.kill(pid, 'SIGUSR2'), 60_000) : undefined;
    const samples: Sample[] = [];
    await Promise.all([
      writer(shared, samples),
      ...Array.from({ length: READERS }, (_, i) => reader(shared, samples, i)),
    ]);
    clearInterval(sampler);
    clearInterval(progress);
    clearTimeout(snapshot);
    if (snapshots) process.kill(pid, 'SIGUSR2');
    report(samples, (Date.now() - started) / 1000, rss, dataDir);
    if (snapshots) await new Promise((r) => setTimeout(r, 10_000));
  } finally {
    await app?.stop();
    await registry.stop();
    if (process.env.SOAK_KEEP === '1') console.log(`data kept in ${dataDir}`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
