/**
 * A registry that accepts connections and never answers, behind the fault proxy, reached through
 * the server's own shared client (lib/server/registry) built from a real configuration: what
 * someone waits for (a copy preview, the home page's registry status) answers TIMEOUT within the
 * interactive deadline, and a job shows that it is waiting, updated while it waits, until its
 * longer deadline fails it.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import type * as ConfigModule from '@/lib/config';
import { loadConfig, type AppConfig } from '@/lib/config';
import { previewCopy, startCopy } from '@/lib/actions';
import { subscribeJob, waitForJob } from '@/lib/jobs';
import { createContentCache, inspect, parseReference } from '@/lib/registry';
import { seedDemo } from '@/scripts/seed-lib';
import { respond, startFaultServer, type FaultServer } from '@/test/support/fault-server';
import { startRegistry, type StartedRegistry } from '@/test/support/registry';

import { actionDepsFor, failure, openTestStore, value } from './actions-setup';

vi.mock('server-only', () => ({}));

let cfg: AppConfig;
vi.mock('@/lib/config', async (importOriginal) => ({
  ...(await importOriginal<typeof ConfigModule>()),
  getConfig: () => cfg,
}));

const INTERACTIVE_S = 1.5;
const JOB_S = 12;
// Generous for a loaded machine, and still far below the 120 s a stall used to cost.
const SLACK_MS = 5_000;

let registry: StartedRegistry;
let proxy: FaultServer;
let store: Awaited<ReturnType<typeof openTestStore>>;
let listDigest: string;

beforeAll(async () => {
  registry = await startRegistry({ variant: 'plain' });
  const seeded = await seedDemo({ url: registry.url });
  listDigest = seeded['demo/shazam:latest']!;
  proxy = await startFaultServer({ proxyTo: registry.url });
  store = await openTestStore('manifold-stall-');
  cfg = loadConfig({
    MANIFOLD_REGISTRIES: `${registry.host},${proxy.host}`,
    MANIFOLD_DATA_DIR: store.dataDir,
    MANIFOLD_DOCKER_CREDENTIALS: 'false',
    MANIFOLD_INTERACTIVE_TIMEOUT: String(INTERACTIVE_S),
    MANIFOLD_JOB_TIMEOUT: String(JOB_S),
  });
}, 120_000);

afterAll(async () => {
  const { getRegistryClient } = await import('@/lib/server/registry');
  await getRegistryClient().close();
  await proxy?.close();
  await registry?.stop();
  await store?.cleanup();
});

beforeEach(() => {
  proxy.reset();
});

async function serverDeps() {
  const { getRegistryClient } = await import('@/lib/server/registry');
  return actionDepsFor(getRegistryClient());
}

const source = () => ({ registry: registry.host, repository: 'demo/shazam', digest: listDigest });

describe('a stalled registry', () => {
  it('answers a copy preview into it with TIMEOUT naming it, within the interactive deadline', async () => {
    proxy.on({ path: /.*/, respond: respond.stall() });
    const deps = await serverDeps();
    const started = Date.now();
    const f = failure(
      await previewCopy(deps, { source: source(), destination: `${proxy.host}/stall/copy:one` }),
    );
    const elapsed = Date.now() - started;
    expect(f.code).toBe('TIMEOUT');
    expect(f.message).toContain(proxy.host);
    expect(f.message).toContain(`within ${INTERACTIVE_S} s`);
    expect(elapsed).toBeGreaterThanOrEqual(INTERACTIVE_S * 1000 - 100);
    expect(elapsed).toBeLessThan(INTERACTIVE_S * 1000 + SLACK_MS);
    expect(proxy.requests.length).toBeGreaterThan(0);
  }, 30_000);

  it('answers an inspect from a page within the interactive deadline when config blobs stall', async () => {
    // Manifests come through; each config GET (a blob with a known size) stalls.
    proxy.on({ method: 'GET', path: /\/blobs\//, name: 'blob', respond: respond.stall() });
    const { getRegistryClient } = await import('@/lib/server/registry');
    const started = Date.now();
    const result = await inspect(
      getRegistryClient(),
      parseReference(`${proxy.host}/demo/shazam:latest`),
      { cache: createContentCache() },
    );
    expect(Date.now() - started).toBeLessThan(INTERACTIVE_S * 1000 + SLACK_MS);
    expect(proxy.hits('blob').length).toBeGreaterThan(0);
    const errors = (result.manifests ?? []).flatMap((m) => (m.error ? [m.error] : []));
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) {
      expect(e.code).toBe('TIMEOUT');
      expect(e.message).toContain(proxy.host);
    }
  }, 30_000);

  it('lets the home page finish: its registry status says the registry is not answering', async () => {
    proxy.on({ path: /.*/, respond: respond.stall() });
    const { loadRegistryStatus } = await import('@/lib/server/registry-status');
    const started = Date.now();
    const [stalled, healthy] = await Promise.all([
      loadRegistryStatus(proxy.host),
      loadRegistryStatus(registry.host),
    ]);
    expect(Date.now() - started).toBeLessThan(INTERACTIVE_S * 1000 + SLACK_MS);
    expect(stalled.state).toBe('not-answering');
    expect(stalled.detail).toContain(proxy.host);
    expect(healthy).toEqual({
      host: registry.host,
      state: 'reachable',
      detail: 'anonymous access',
    });
  }, 30_000);

  it('shows a job waiting for it in the job’s progress, updated while it waits, then fails it', async () => {
    // Reads and blob uploads pass; every manifest PUT stalls, so the job is stuck mid-copy.
    proxy.on({ method: 'PUT', path: /\/manifests\//, name: 'put', respond: respond.stall() });
    const deps = await serverDeps();
    const { job } = value(
      await startCopy(deps, {
        source: source(),
        destination: `${proxy.host}/stall/copy:one`,
        expectedDigest: null,
      }),
    );
    const seen: Array<{ status: string; message: string | undefined }> = [];
    const unsubscribe = subscribeJob(job.id, (j) =>
      seen.push({ status: j.status, message: j.progress.message }),
    );
    const done = await waitForJob(job.id, (JOB_S + 30) * 1000);
    unsubscribe();
    expect(proxy.hits('put').length).toBeGreaterThan(0);
    const waiting = seen.filter(
      (s) => s.status === 'running' && s.message?.startsWith(`Waiting for ${proxy.host} for `),
    );
    // A notice every 5 s: the message counts up while the job waits (5 s, then about 10 s).
    const seconds = [...new Set(waiting.map((s) => Number(/for (\d+) s$/.exec(s.message!)?.[1])))];
    expect(seconds.length).toBeGreaterThanOrEqual(2);
    expect(seconds).toEqual([...seconds].sort((a, b) => a - b));
    expect(seconds[0]).toBeGreaterThanOrEqual(5);
    expect(seconds.at(-1)).toBeLessThanOrEqual(JOB_S);
    expect(done.status).toBe('failed');
    expect(done.error?.code).toBe('TIMEOUT');
    expect(done.error?.message).toContain(`${proxy.host} did not answer PUT`);
    expect(done.error?.message).toContain(`within ${JOB_S} s`);
    // Once nothing is waited for, the message no longer says so.
    expect(done.progress.message ?? '').not.toContain('Waiting for');
  }, 90_000);
});
