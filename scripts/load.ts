// `npm run load`: a bounded load run (not a test). 50 clients at once, for 30 s, against the two
// reads people repeat most (inspect a tag, list a repository's tags) on loopback; prints
// throughput, p50/p95/p99 latency, errors and the server's peak memory.
//   npm run load                               builds if needed, starts a registry with the demo
//                                              images and a production server, then runs
//   npm run load -- --url http://127.0.0.1:3000 --registry 127.0.0.1:5000   uses running ones
//   LOAD_CLIENTS=50 LOAD_SECONDS=30
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import {
  ensureProductionBuild,
  processMemory,
  processTree,
  startAppServer,
  type AppServer,
} from '../test/support/app-server';
import { startRegistry, type StartedRegistry } from '../test/support/registry';
import { seedDemo } from './seed-lib';

const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 50);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 30);
const REPOSITORY = 'demo/shazam';

interface Sample {
  what: 'inspect' | 'tags';
  ms: number;
  ok: boolean;
  status: number | string;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

function summarise(name: string, samples: Sample[], seconds: number): string {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const errors = samples.filter((s) => !s.ok).length;
  const fmt = (n: number) => `${n.toFixed(1)} ms`;
  return (
    `${name.padEnd(8)} ${String(samples.length).padStart(7)} requests  ` +
    `${(samples.length / seconds).toFixed(0).padStart(5)} req/s  ` +
    `p50 ${fmt(percentile(ms, 50))}  p95 ${fmt(percentile(ms, 95))}  p99 ${fmt(percentile(ms, 99))}  ` +
    `errors ${errors}`
  );
}

async function client(
  base: string,
  targets: { inspect: string; tags: string },
  until: number,
  samples: Sample[],
  id: number,
): Promise<void> {
  let n = id;
  while (Date.now() < until) {
    const what = n++ % 2 === 0 ? 'inspect' : 'tags';
    const started = performance.now();
    try {
      const res = await fetch(base + targets[what], { signal: AbortSignal.timeout(30_000) });
      await res.arrayBuffer();
      samples.push({ what, ms: performance.now() - started, ok: res.ok, status: res.status });
    } catch (err) {
      const code = (err as { cause?: { code?: string }; name?: string }).cause?.code;
      samples.push({
        what,
        ms: performance.now() - started,
        ok: false,
        status: code ?? (err as Error).name,
      });
    }
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { url: { type: 'string' }, registry: { type: 'string' }, pid: { type: 'string' } },
  });
  let registry: StartedRegistry | undefined;
  let app: AppServer | undefined;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifold-load-'));
  try {
    let registryHost = values.registry;
    if (!registryHost) {
      registry = await startRegistry({ variant: 'plain' });
      await seedDemo({ url: registry.url });
      registryHost = registry.host;
    }
    let base = values.url;
    let pid = values.pid ? Number(values.pid) : undefined;
    if (!base) {
      console.log('building (skipped when .next is fresh) ...');
      ensureProductionBuild();
      app = await startAppServer({
        dataDir,
        registries: [registryHost],
        // The heap ceiling `npm start` gives the server (package.json).
        env: { NODE_OPTIONS: `--max-old-space-size=${process.env.MANIFOLD_HEAP_MB ?? 256}` },
      });
      base = app.url;
      pid = app.pid();
    }
    const targets = {
      inspect: `/api/inspect?ref=${encodeURIComponent(`${registryHost}/${REPOSITORY}:latest`)}`,
      tags: `/api/tags?registry=${encodeURIComponent(registryHost)}&repository=${encodeURIComponent(REPOSITORY)}`,
    };
    // One warm-up request each, so the run measures steady state rather than the first compile.
    for (const t of Object.values(targets)) await (await fetch(base + t)).arrayBuffer();

    let peakRss = 0;
    let peakHwm = 0;
    const sample = () => {
      if (pid === undefined) return;
      let rss = 0;
      for (const p of processTree(pid)) {
        const m = processMemory(p);
        rss += m.rss;
        peakHwm = Math.max(peakHwm, m.hwm);
      }
      peakRss = Math.max(peakRss, rss);
    };
    const sampler = setInterval(sample, 100);
    const samples: Sample[] = [];
    const started = Date.now();
    const until = started + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: CLIENTS }, (_, i) => client(base, targets, until, samples, i)),
    );
    const seconds = (Date.now() - started) / 1000;
    clearInterval(sampler);
    sample();

    const failures = new Map<string, number>();
    for (const s of samples.filter((x) => !x.ok))
      failures.set(String(s.status), (failures.get(String(s.status)) ?? 0) + 1);
    console.log(
      `\n${CLIENTS} clients, ${seconds.toFixed(1)} s, ${os.cpus().length} CPUs, Node ${process.version}`,
    );
    console.log(summarise('all', samples, seconds));
    console.log(
      summarise(
        'inspect',
        samples.filter((s) => s.what === 'inspect'),
        seconds,
      ),
    );
    console.log(
      summarise(
        'tags',
        samples.filter((s) => s.what === 'tags'),
        seconds,
      ),
    );
    console.log(
      `errors by cause: ${failures.size ? [...failures].map(([k, v]) => `${k} x${v}`).join(', ') : 'none'}`,
    );
    if (pid !== undefined)
      console.log(`server memory: peak RSS ${mib(peakRss)} (VmHWM ${mib(peakHwm)})`);
    else console.log('server memory: not measured (pass --pid for a server started elsewhere)');
  } finally {
    await app?.stop();
    await registry?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
