// `npm run bench`: how many registry requests and how much time Manifold needs to inspect a
// manifest list with every platform's config, against what skopeo needs for the same facts.
// Runs against a real local registry (the demo images), counting requests in its access log.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { createRegistryClient, createContentCache, inspect, parseReference } from '../lib/registry';
import { startRegistry, type StartedRegistry } from '../test/support/registry';
import { benchCoverage } from './bench-coverage';
import { seedDemo } from './seed-lib';

const run = promisify(execFile);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

interface Row {
  what: string;
  requests: number;
  medianMs: number;
}

async function measure(
  registry: StartedRegistry,
  what: string,
  fn: () => Promise<void>,
): Promise<Row> {
  const times: number[] = [];
  let requests = 0;
  for (let i = 0; i < ROUNDS; i++) {
    await registry.clearAccessLog();
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
    requests = (await registry.accessLog()).length;
  }
  times.sort((a, b) => a - b);
  return { what, requests, medianMs: Math.round(times[Math.floor(times.length / 2)]! * 10) / 10 };
}

async function main(): Promise<void> {
  const registry = await startRegistry({ variant: 'plain' });
  try {
    await seedDemo({ url: registry.url });
    const image = `${registry.host}/demo/shazam:latest`;
    const ref = parseReference(image);
    const skopeo = (...args: string[]) =>
      run('skopeo', ['inspect', '--tls-verify=false', ...args], { maxBuffer: 16 << 20 });

    const rows: Row[] = [];
    // skopeo: the list, then every child's manifest and config (`skopeo inspect` per digest).
    rows.push(
      await measure(registry, 'skopeo: list + inspect each platform', async () => {
        const { stdout } = await skopeo('--raw', `docker://${image}`);
        const list = JSON.parse(stdout) as { manifests: Array<{ digest: string }> };
        for (const m of list.manifests)
          await skopeo(`docker://${registry.host}/demo/shazam@${m.digest}`);
      }),
    );
    rows.push(
      await measure(
        registry,
        'skopeo inspect (one platform only)',
        async () => void (await skopeo(`docker://${image}`)),
      ),
    );
    rows.push(
      await measure(
        registry,
        'skopeo inspect --raw (list bytes only)',
        async () => void (await skopeo('--raw', `docker://${image}`)),
      ),
    );

    rows.push(
      await measure(registry, 'Manifold inspect, cold (new client, empty cache)', async () => {
        const client = createRegistryClient({ registries: (host) => ({ host, scheme: 'http' }) });
        await inspect(client, ref, { cache: createContentCache() });
        await client.close();
      }),
    );
    const client = createRegistryClient({ registries: (host) => ({ host, scheme: 'http' }) });
    const cache = createContentCache();
    await inspect(client, ref, { cache });
    rows.push(
      await measure(
        registry,
        'Manifold inspect, warm (cache, pooled connections)',
        async () => void (await inspect(client, ref, { cache })),
      ),
    );
    await client.close();

    console.log(`\nInspecting ${image} (5 platforms), median of ${ROUNDS} rounds\n`);
    console.log(`${'what'.padEnd(52)} ${'requests'.padStart(8)} ${'median ms'.padStart(10)}`);
    for (const r of rows)
      console.log(
        `${r.what.padEnd(52)} ${String(r.requests).padStart(8)} ${String(r.medianMs).padStart(10)}`,
      );
  } finally {
    await registry.stop();
  }
  await benchCoverage();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
