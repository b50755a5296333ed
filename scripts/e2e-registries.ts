// Starts the e2e registries on the ports given in the environment, seeds the demo images into
// the first, and keeps them running until this process is stopped (Playwright's webServer).
import fs from 'node:fs';
import path from 'node:path';

import { startRegistry } from '../test/support/registry';
import { buildCoveragePlan, E2E_COVERAGE, seedCoverage } from './seed-coverage';
import { seedDemo } from './seed-lib';

async function main(): Promise<void> {
  const port = Number(process.env.E2E_REGISTRY_PORT ?? 5100);
  const port2 = Number(process.env.E2E_REGISTRY2_PORT ?? 5101);
  const dataDir = process.env.E2E_DATA_DIR ?? '/tmp/manifold-e2e';
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const second = await startRegistry({
    variant: 'plain',
    port: port2,
    dataDir: path.join(dataDir, 'registry2'),
  });
  const first = await startRegistry({
    variant: 'plain',
    port,
    dataDir: path.join(dataDir, 'registry'),
  });
  // The coverage spec scans namespace cov/ of the second registry (the first one's catalog is
  // counted by the browse specs). Seeded first: the readiness URL below is the demo's last write.
  await seedCoverage({ url: second.url }, buildCoveragePlan(E2E_COVERAGE));
  // The seed writes demo/shazam last-but-not-least; Playwright waits for its tag list to answer.
  await seedDemo({ url: first.url });
  console.log(`e2e registries ready: ${first.url} ${second.url}`);
  const stop = (): void => {
    void Promise.all([first.stop(), second.stop()]).finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  setInterval(() => undefined, 60_000);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
