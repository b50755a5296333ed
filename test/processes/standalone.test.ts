/**
 * The image's entrypoint, without Docker (base images cannot be pulled here): `.next/standalone`
 * prepared as the Dockerfile's COPY lines do, started with its ENV and CMD. It answers /api/health,
 * /api/ready and the metrics port; it refuses to listen on every address without sign-in; on
 * SIGTERM readiness turns 503 at once while it still answers, and it exits within the bound.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { seedDemo } from '@/scripts/seed-lib';
import { ensureProductionBuild } from '@/test/support/app-server';
import { freePort } from '@/test/support/free-port';
import { startRegistry, type StartedRegistry } from '@/test/support/registry';
import {
  dockerfileRuntime,
  prepareStandalone,
  spawnStandalone,
  type Standalone,
} from '@/test/support/standalone';

let registry: StartedRegistry;
let tmp: string;
const running: Standalone[] = [];

beforeAll(async () => {
  ensureProductionBuild();
  prepareStandalone();
  registry = await startRegistry({ variant: 'plain' });
  await seedDemo({ url: registry.url });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'manifold-standalone-'));
});

afterAll(async () => {
  for (const s of running) if (s.child.exitCode === null) s.child.kill('SIGKILL');
  await registry?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** The Dockerfile's environment, with this machine's differences: loopback only, temp folders. */
async function imageEnv(extra: Record<string, string> = {}) {
  const { env } = dockerfileRuntime();
  const port = await freePort();
  const metricsPort = await freePort();
  const dataDir = fs.mkdtempSync(path.join(tmp, 'data-'));
  return {
    port,
    metricsPort,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      ...env,
      // Tests send no packet beyond loopback: the image's 0.0.0.0 becomes 127.0.0.1 for the
      // sockets, while MANIFOLD_LISTEN_HOST keeps saying 0.0.0.0 so the sign-in rule still applies.
      HOSTNAME: '127.0.0.1',
      MANIFOLD_METRICS_HOST: '127.0.0.1',
      PORT: String(port),
      MANIFOLD_METRICS_PORT: String(metricsPort),
      MANIFOLD_DATA_DIR: dataDir,
      MANIFOLD_REGISTRIES: registry.host,
      ...extra,
    },
  };
}

async function waitFor(url: string, s: Standalone): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (s.child.exitCode !== null) throw new Error(`the server exited:\n${s.output()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer 200 within 60 s:\n${s.output()}`);
}

function withConfig(yaml: string): string {
  const file = path.join(tmp, `config-${running.length}.yaml`);
  fs.writeFileSync(file, yaml);
  return file;
}

describe('the standalone server as the image runs it', () => {
  it('refuses to start on every address without sign-in (the image’s default)', async () => {
    const { env } = await imageEnv();
    const s = spawnStandalone(env);
    running.push(s);
    // It may bind before instrumentation runs; what matters is that it exits, saying why.
    const code = await Promise.race([
      s.exited,
      new Promise((r) => setTimeout(() => r('still running'), 60_000)),
    ]);
    expect(code).toBe(1);
    expect(s.output()).toContain('Manifold cannot start');
    expect(s.output()).toContain('without sign-in');
  });

  it('answers /api/health, /api/ready and /metrics; SIGTERM turns ready 503 at once and it exits within the bound', async () => {
    const config = withConfig('auth: none\n');
    const { port, metricsPort, env } = await imageEnv({
      MANIFOLD_CONFIG: config,
      MANIFOLD_SHUTDOWN_TIMEOUT: '10',
      MANIFOLD_SHUTDOWN_DRAIN: '2',
    });
    const s = spawnStandalone(env);
    running.push(s);
    const base = `http://127.0.0.1:${port}`;
    await waitFor(`${base}/api/health`, s);
    const health = await fetch(`${base}/api/health`);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/api/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok' });
    // A request that reaches the registry, and a static asset the image copied in.
    const repos = await fetch(`${base}/api/registries/${registry.host}/repositories`);
    expect(repos.status, await repos.clone().text()).toBe(200);
    const page = await (await fetch(`${base}/`)).text();
    const asset = /\/_next\/static\/[^"]+\.js/.exec(page)?.[0];
    expect(asset).toBeDefined();
    expect((await fetch(`${base}${asset}`)).status).toBe(200);

    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(metrics).toContain('process_resident_memory_bytes');
    // The image's `node` is the test's node: on the Node 24 leg this proves the server ran on 24.
    expect(metrics).toContain(`nodejs_version_info{version="${process.version}"`);
    expect(metrics).toMatch(
      /manifold_http_request_duration_seconds_count\{route="\/api\/health",method="GET",status="200"\} [1-9]/,
    );
    expect(metrics).toMatch(
      new RegExp(
        `manifold_registry_requests_total\\{registry="${registry.host}",method="GET",status="200"\\} [1-9]`,
      ),
    );
    // The metrics port serves metrics only; the app port does not serve them.
    expect((await fetch(`http://127.0.0.1:${metricsPort}/api/health`)).status).toBe(404);
    expect((await fetch(`${base}/metrics`)).status).toBe(404);

    const t0 = Date.now();
    s.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    const draining = await fetch(`${base}/api/ready`);
    expect(draining.status).toBe(503);
    expect(await draining.json()).toMatchObject({ failing: ['shutdown'] });
    // Still serving while the load balancer takes it out.
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
    const code = await s.exited;
    expect(code).toBe(0);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1_900);
    const lines = s
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'));
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(() => JSON.parse(l) as unknown).not.toThrow();
    expect(s.output()).toContain('"msg":"shutdown: done"');
  });
});
