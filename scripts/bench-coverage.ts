// The coverage part of `npm run bench`: a registry of 2,000 repositories x 3 tags (seeded once
// and kept in a temp dir between runs), scanned twice by a separate process that runs the scan
// as Manifold's server does; reports time, registry requests (from the registry's access log)
// and the scanning process's peak memory.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

import { requestSummary } from '../test/support/access-log';
import { startRegistry, type StartedRegistry } from '../test/support/registry';
import { buildCoveragePlan, seedCoverage } from './seed-coverage';

const REPOSITORIES = Number(process.env.BENCH_COVERAGE_REPOSITORIES ?? 2000);
const TAGS = ['1.0', '1.1', 'latest'];
const CONCURRENCY = Number(process.env.BENCH_COVERAGE_CONCURRENCY ?? 8);

interface WorkerAnswer {
  status: string;
  error?: unknown;
  ms: number;
  repositories: number;
  tags: number;
  requests: number;
  baselineRssKb: number;
  peakRssKb: number;
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

/** Runs the coverage bench and prints its table. */
export async function benchCoverage(): Promise<void> {
  const { registry, seededMs } = await seededRegistry();
  const worker = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/bench-coverage-worker.ts', registry.host, String(CONCURRENCY)],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const answers = readline.createInterface({ input: worker.stdout })[Symbol.asyncIterator]();
  const scan = async (what: string) => {
    await registry.clearAccessLog();
    worker.stdin.write('scan\n');
    const line = await answers.next();
    const answer = JSON.parse(String(line.value)) as WorkerAnswer;
    if (answer.status !== 'succeeded')
      throw new Error(`${what} failed: ${JSON.stringify(answer.error)}`);
    const log = await registry.accessLog();
    return { what, answer, logged: log.length, summary: requestSummary(log) };
  };
  try {
    const rows = [await scan('first scan (nothing cached)'), await scan('second scan (unchanged)')];
    console.log(
      `\nCoverage scan of ${REPOSITORIES} repositories x ${TAGS.length} tags, concurrency ${CONCURRENCY}` +
        (seededMs !== undefined
          ? ` (registry seeded in ${(seededMs / 1000).toFixed(1)} s, kept for the next run)`
          : ' (registry seeded by an earlier run)') +
        '\n',
    );
    console.log(
      `${'what'.padEnd(30)} ${'seconds'.padStart(8)} ${'requests'.padStart(9)} ${'req/s'.padStart(7)} ${'peak RSS MiB'.padStart(13)}`,
    );
    for (const r of rows) {
      const s = r.answer.ms / 1000;
      console.log(
        `${r.what.padEnd(30)} ${s.toFixed(1).padStart(8)} ${String(r.logged).padStart(9)} ${String(Math.round(r.logged / s)).padStart(7)} ${(r.answer.peakRssKb / 1024).toFixed(0).padStart(13)}`,
      );
      console.log(`  ${JSON.stringify(r.summary)}`);
    }
    const last = rows.at(-1)!.answer;
    console.log(
      `\nScanning process: ${(last.baselineRssKb / 1024).toFixed(0)} MiB before the first scan, peak ${(last.peakRssKb / 1024).toFixed(0)} MiB over both.`,
    );
  } finally {
    worker.stdin.end();
    await new Promise((resolve) => worker.once('exit', resolve));
    await registry.stop();
  }
}
