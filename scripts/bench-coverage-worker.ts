// The scan side of the coverage bench: runs coverage scans the way Manifold's server does (job
// runner, SQLite store, one registry client with its content cache) in a process of its own, so
// its peak memory is the scan's. Reads "scan" lines on stdin, answers one JSON line per scan.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

import { registerCoverageScanJob, startScan } from '../lib/coverage';
import { waitForJob } from '../lib/jobs';
import { createRegistryClient } from '../lib/registry';
import { createContentCache } from '../lib/registry/ops/content-cache';
import { closeDb, getCoverageScan, openDb } from '../lib/store';

function statusKb(field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
    readFileSync('/proc/self/status', 'utf8'),
  );
  return Number(m?.[1] ?? 0);
}

async function main(): Promise<void> {
  const host = process.argv[2] ?? '';
  const concurrency = Number(process.argv[3] ?? 8);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'manifold-bench-store-'));
  openDb(dataDir);
  const client = createRegistryClient({ registries: (h) => ({ host: h, scheme: 'http' }) });
  const cache = createContentCache();
  registerCoverageScanJob({ getClient: () => client, getCache: () => cache });
  const baseline = statusKb('VmRSS');
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (line.trim() !== 'scan') break;
    const t0 = performance.now();
    const scan = startScan({ registry: host, concurrency });
    const job = await waitForJob(scan.id, 600_000);
    const ms = performance.now() - t0;
    const stored = getCoverageScan(scan.id);
    console.log(
      JSON.stringify({
        status: job.status,
        error: job.error,
        ms,
        repositories: stored?.repositoriesDone,
        tags: stored?.tags,
        requests: stored?.requests,
        baselineRssKb: baseline,
        peakRssKb: statusKb('VmHWM'),
      }),
    );
  }
  await client.close();
  closeDb();
  rmSync(dataDir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
