import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { RegistryClient } from '@/lib/registry';
import { seedDemo } from '@/scripts/seed-lib';
import { countRequests } from '@/test/support/access-log';
import { startRegistry, type StartedRegistry } from '@/test/support/registry';
import { clientFor } from '@/test/support/registry-client';
import { caught } from '@/test/support/caught';

let tls: StartedRegistry;
let noDelete: StartedRegistry;
let tlsSeeded: Record<string, string>;
let noDeleteSeeded: Record<string, string>;
const clients: RegistryClient[] = [];

function track(client: RegistryClient): RegistryClient {
  clients.push(client);
  return client;
}

let dataDir: string;

beforeAll(async () => {
  // seedDemo deletes one manifest (demo/broken), so seed with deletes on, then serve the same
  // storage with deletes off.
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'manifold-nodelete-'));
  const seeder = await startRegistry({ variant: 'plain', dataDir });
  try {
    noDeleteSeeded = await seedDemo({ url: seeder.url });
  } finally {
    await seeder.stop();
  }
  [tls, noDelete] = await Promise.all([
    startRegistry({ variant: 'tls' }),
    startRegistry({ variant: 'plain', dataDir, deleteEnabled: false }),
  ]);
  tlsSeeded = await seedDemo({ url: tls.url, ...(tls.caFile ? { caFile: tls.caFile } : {}) });
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await Promise.all([tls?.stop(), noDelete?.stop()]);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('TLS registry with a custom CA', () => {
  it('pings, lists and inspects when the CA is configured', async () => {
    const client = track(clientFor([tls]));
    expect(await client.ping(tls.host)).toEqual({
      reachable: true,
      status: 200,
      authScheme: 'none',
      needsCredentials: false,
    });
    const page = await client.listRepositories(tls.host, { n: 2 });
    expect(page.repositories).toHaveLength(2);
    expect(page.next).toBeDefined();
    const next = await client.listRepositories(tls.host, {
      n: 2,
      ...(page.next ? { cursor: page.next } : {}),
    });
    expect(next.repositories[0]).not.toBe(page.repositories[0]);
    const { parsed } = await client.getManifest(
      { registry: tls.host, repository: 'demo/shazam' },
      'latest',
    );
    expect(parsed.digest).toBe(tlsSeeded['demo/shazam:latest']);
  });

  it('fails with a TLS NETWORK error (not retried) without the CA', async () => {
    const client = track(clientFor([{ reg: tls, opts: { noCa: true } }]));
    const result = await client.ping(tls.host);
    expect(result.reachable).toBe(false);
    expect(result.error?.code).toBe('NETWORK');
    expect(result.error?.retryable).toBe(false);
    expect(result.error?.message).toMatch(/TLS/);
  });

  it('connects with insecureSkipVerify', async () => {
    const client = track(clientFor([{ reg: tls, opts: { noCa: true, insecureSkipVerify: true } }]));
    const head = await client.headManifest(
      { registry: tls.host, repository: 'demo/single' },
      '1.0',
    );
    expect(head?.digest).toBe(tlsSeeded['demo/single:1.0']);
  });
});

describe('registry with deletes disabled', () => {
  it('reports DELETE_DISABLED and deletes nothing', async () => {
    const client = track(clientFor([noDelete]));
    const repo = { registry: noDelete.host, repository: 'demo/shazam' };
    const digest = noDeleteSeeded['demo/shazam:latest'] ?? '';
    await noDelete.clearAccessLog();
    const err = await caught(client.deleteManifest(repo, digest));
    expect(err.code).toBe('DELETE_DISABLED');
    expect(err.status).toBe(405);
    expect(err.message).toContain('storage.delete.enabled');
    const tagErr = await caught(client.deleteTag(repo, 'amd64'));
    expect(tagErr.code).toBe('DELETE_DISABLED');
    const log = await noDelete.accessLog();
    expect(countRequests(log, { method: 'DELETE', status: 405 })).toBe(2);
    expect(countRequests(log, { method: 'DELETE' })).toBe(2);
    expect((await client.headManifest(repo, 'latest'))?.digest).toBe(digest);
    expect((await client.headManifest(repo, digest))?.digest).toBe(digest);
    expect([...(await client.listTags(repo)).tags].sort()).toEqual([
      'amd64',
      'arm64',
      'armv7',
      'latest',
      'ppc64le',
      's390x',
    ]);
  });
});
