/**
 * Fifty people open one tag at once on a token-auth registry: they share one token request and one
 * fetch per digest (the content cache's single flight), counted at the token server and in the
 * registry's access log.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';

import { inspect, parseReference, createContentCache, type RegistryClient } from '@/lib/registry';
import { seedDemo } from '@/scripts/seed-lib';
import { startRegistry, type StartedRegistry } from '@/test/support/registry';
import { clientFor } from '@/test/support/registry-client';

let reg: StartedRegistry;
let client: RegistryClient;

beforeAll(async () => {
  reg = await startRegistry({ variant: 'token' });
  await seedDemo({ url: reg.url, username: reg.username!, password: reg.password! });
  client = clientFor([reg]);
});

afterAll(async () => {
  await client?.close();
  await reg?.stop();
});

it('50 concurrent inspects of one tag share one token request and one fetch per digest', async () => {
  const cache = createContentCache();
  const ref = parseReference(`${reg.host}/demo/shazam:latest`);
  await reg.clearAccessLog();
  reg.tokenServer!.reset();
  const results = await Promise.all(
    Array.from({ length: 50 }, () => inspect(client, ref, { cache })),
  );
  expect(new Set(results.map((r) => r.digest)).size).toBe(1);
  expect(results.every((r) => (r.manifests ?? []).every((m) => m.error === undefined))).toBe(true);

  expect(reg.tokenServer!.tokenRequests()).toBe(1);
  const gets = (await reg.accessLog()).filter((e) => e.method === 'GET' && e.status === 200);
  // Each inspect resolves the tag with its own GET (a tag can move at any moment).
  const tagGets = gets.filter((e) => e.path === '/v2/demo/shazam/manifests/latest');
  expect(tagGets).toHaveLength(50);
  const log = gets.filter((e) => e.digest !== undefined);
  expect(log).toHaveLength(gets.length - 50);
  const perDigest = new Map<string, number>();
  for (const e of log) perDigest.set(e.path, (perDigest.get(e.path) ?? 0) + 1);
  // The children and their configs: each fetched once.
  const children = results[0]!.manifests ?? [];
  expect(perDigest.size).toBeGreaterThanOrEqual(2 * children.length);
  expect([...perDigest.entries()].filter(([, n]) => n > 1)).toEqual([]);
});
