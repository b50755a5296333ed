import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import type * as ConfigModule from '@/lib/config';
import type { AppConfig } from '@/lib/config';
import { DEFAULT_LIMITS } from '@/lib/config-limits';

vi.mock('server-only', () => ({}));

// The instance under test: sign-in on (not a single-user loopback instance) or off.
let singleUser = true;
let cfg: AppConfig;
vi.mock('@/lib/config', async (importOriginal) => ({
  ...(await importOriginal<typeof ConfigModule>()),
  getConfig: () => cfg,
  singleUserLoopback: () => singleUser,
}));

let home: string;

beforeAll(async () => {
  home = await mkdtemp(path.join(os.tmpdir(), 'manifold-scope-'));
  await mkdir(path.join(home, '.docker'), { recursive: true });
  const auth = (s: string) => ({ auth: Buffer.from(s).toString('base64') });
  await writeFile(
    path.join(home, '.docker', 'config.json'),
    JSON.stringify({
      auths: { 'configured.example': auth('op:configured'), 'other.example': auth('op:other') },
    }),
  );
});

afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

beforeEach(() => {
  vi.resetModules();
  cfg = {
    registries: [
      {
        host: 'configured.example',
        name: 'configured.example',
        scheme: 'https',
        insecureSkipVerify: false,
        source: 'env',
      },
    ],
    dataDir: home,
    useDockerCredentials: true,
    credentialEnv: { HOME: home, PATH: '/usr/bin:/bin' },
    allowUnconfigured: 'public',
    auth: undefined,
    readOnly: false,
    allowedHosts: [],
    roles: [],
    peerHeaderTrusted: false,
    trustedProxies: [],
    ...DEFAULT_LIMITS,
    events: { receivers: [], rules: [], webhooks: [], reconcile: null },
    logLevel: 'silent',
    metricsHost: '127.0.0.1',
    shutdownTimeoutMs: 25_000,
    shutdownDrainMs: 0,
  };
  (globalThis as { manifoldRegistryClient?: unknown }).manifoldRegistryClient = undefined;
});

async function credentialsFor(host: string): Promise<unknown> {
  const { getRegistryClient } = await import('./registry');
  return getRegistryClient().auth.credentialsFor(host);
}

describe('credentials scope', { timeout: 60_000 }, () => {
  it('uses the operator’s Docker credentials only for configured registries when sign-in is on', async () => {
    singleUser = false;
    expect(await credentialsFor('configured.example')).toEqual({
      username: 'op',
      password: 'configured',
    });
    expect(await credentialsFor('other.example')).toBeUndefined();
  });

  it('uses them for any host a single-user loopback instance may reach', async () => {
    singleUser = true;
    expect(await credentialsFor('other.example')).toEqual({ username: 'op', password: 'other' });
  });
});
