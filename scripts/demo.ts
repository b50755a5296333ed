// Starts the demo registry on 127.0.0.1:5000 (data under .data/registry), seeds the demo images
// (idempotent: same digests every run), builds Manifold and serves it on http://localhost:3000.
// The registry sends its events to Manifold (docs/events.md), with a secret kept in
// .data/events-secret. Ctrl-C stops both. Running it again reuses the data.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { startRegistry, type StartedRegistry } from '../test/support/registry';
import { seedDemo } from './seed-lib';

const REGISTRY_PORT = Number(process.env.MANIFOLD_DEMO_REGISTRY_PORT ?? 5000);
const APP_PORT = Number(process.env.PORT ?? 3000);
const DATA = path.resolve('.data');
// A tool that holds registry credentials does not phone home.
process.env.NEXT_TELEMETRY_DISABLED = '1';

async function registryAnswers(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/v2/`, { signal: AbortSignal.timeout(2000) });
    return res.status === 200 || res.status === 401;
  } catch {
    return false;
  }
}

/** Returns the demo's event secret, made once and kept in .data/events-secret (owner-only). */
function eventsSecret(): string {
  const file = path.join(DATA, 'events-secret');
  if (!fs.existsSync(file))
    fs.writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

/** Writes the demo's Manifold config: the registry's events received, demo/* checked every 5 min. */
function demoConfig(host: string): string {
  const file = path.join(DATA, 'manifold-demo.yml');
  fs.writeFileSync(
    file,
    [
      '# Written by npm run demo (scripts/demo.ts): see docs/events.md.',
      'events:',
      '  receivers:',
      `    - { source: distribution, registry: "${host}", secretFile: events-secret }`,
      '  reconcile:',
      '    intervalSeconds: 300',
      `    watch: [{ registry: "${host}", repositories: ["demo/*"] }]`,
      '',
    ].join('\n'),
  );
  return file;
}

async function main(): Promise<void> {
  fs.mkdirSync(DATA, { recursive: true });
  const secret = eventsSecret();
  const url = `http://127.0.0.1:${REGISTRY_PORT}`;
  let registry: StartedRegistry | undefined;
  let events = false;
  if (await registryAnswers(url)) {
    console.log(
      `Using the registry already answering at ${url} (it sends Manifold no events unless configured as docs/events.md shows).`,
    );
  } else if (process.env.MANIFOLD_DEMO_EXTERNAL_REGISTRY) {
    console.error(
      `MANIFOLD_DEMO_EXTERNAL_REGISTRY is set, but no registry answers at ${url}/v2/.\n` +
        `Start one on port ${REGISTRY_PORT}, e.g.\n\n` +
        `  docker run -d -p ${REGISTRY_PORT}:5000 -e REGISTRY_STORAGE_DELETE_ENABLED=true registry:2\n\n` +
        'or unset MANIFOLD_DEMO_EXTERNAL_REGISTRY to let the demo start docker-registry itself.',
    );
    process.exit(1);
  } else {
    registry = await startRegistry({
      variant: 'plain',
      port: REGISTRY_PORT,
      dataDir: path.join(DATA, 'registry'),
      logFile: path.join(DATA, 'registry.log'),
      // Events queue in the registry until Manifold answers, then arrive at its receiver.
      notifications: { url: `http://127.0.0.1:${APP_PORT}/api/events/distribution`, secret },
    });
    events = true;
    console.log(
      `Registry started at ${registry.url} (data in .data/registry, log in .data/registry.log).`,
    );
  }

  const seeded = await seedDemo({ url });
  console.log(
    `Seeded ${Object.keys(seeded).length} demo tags (demo/shazam, demo/shazam-oci, demo/buildkit, ...).`,
  );

  if (!process.argv.includes('--no-build')) {
    console.log('Building Manifold (next build)…');
    const build = spawnSync('npx', ['next', 'build'], { stdio: 'inherit' });
    if (build.status !== 0) {
      await registry?.stop();
      process.exit(build.status ?? 1);
    }
  }

  // 127.0.0.1 only: no sign-in is configured, so nobody else on the network may reach it.
  // The heap ceiling `npm start` sets (package.json; docs/reliability.md, "Memory").
  const heap = `--max-old-space-size=${process.env.MANIFOLD_HEAP_MB ?? 256}`;
  const host = `localhost:${REGISTRY_PORT}`;
  const ownConfig = process.env.MANIFOLD_CONFIG ?? process.env.MANIFOLD_REGISTRIES;
  const config = events && !ownConfig ? demoConfig(host) : undefined;
  const app = spawn('node', [heap, 'scripts/start.mjs', '-p', String(APP_PORT)], {
    stdio: 'inherit',
    env: {
      ...process.env,
      MANIFOLD_REGISTRIES: process.env.MANIFOLD_REGISTRIES ?? host,
      MANIFOLD_DATA_DIR: process.env.MANIFOLD_DATA_DIR ?? path.join(DATA, 'manifold'),
      ...(config ? { MANIFOLD_CONFIG: config } : {}),
    },
  });
  console.log(
    `\nManifold: http://localhost:${APP_PORT}  (this machine only; Ctrl-C stops Manifold and the registry)\n`,
  );

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    app.kill('SIGTERM');
    void (registry?.stop() ?? Promise.resolve()).finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  app.on('exit', (code) => {
    if (!stopping) {
      console.error(`Manifold exited (${code ?? 'signal'}).`);
      void (registry?.stop() ?? Promise.resolve()).finally(() => process.exit(code ?? 1));
    }
  });
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
