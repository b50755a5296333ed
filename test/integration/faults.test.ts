/**
 * What users see when a registry fails in each way a real one does, for every operation: the fault
 * proxy sits between Manifold and a real distribution registry and breaks chosen requests. Each
 * case asserts the message (it names the registry and what happened), the requests the proxy saw
 * (safe requests retried within limits, Retry-After honoured and capped), and what the registry
 * holds afterwards. No index is ever PUT before every child is confirmed present, and a push or
 * copy cut by a fault completes when run again, without uploading again what already landed.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import {
  isAppError,
  MediaType,
  createRegistryClient,
  createContentCache,
  deleteManifestVerified,
  inspect,
  pushIndex,
  retag,
  parseReference,
  type AppError,
  type RegistryClient,
  type PushPlan,
} from '@/lib/registry';
import { seedDemo } from '@/scripts/seed-lib';
import { respond, startFaultServer, type FaultServer } from '@/test/support/fault-server';
import { startRegistry, type StartedRegistry } from '@/test/support/registry';
import { clientFor } from '@/test/support/registry-client';

const REPO = 'demo/shazam';
const RETRIES = 2;
const RETRY_CAP_MS = 1500;

let src: StartedRegistry;
let dst: StartedRegistry;
let proxy: FaultServer;
let client: RegistryClient;
/** Talks to the destination registry directly, to read its state without the proxy. */
let direct: RegistryClient;
let listDigest: string;
let listRaw: Uint8Array;
let listType: string;
let children: PushPlan['children'];
/** A layer of the first child: blobs stay when manifests are deleted. */
let layer: string;

function clientThroughProxy(timeoutMs: number): RegistryClient {
  const byHost = new Map([
    [src.host, { host: src.host, scheme: 'http' as const }],
    [proxy.host, { host: proxy.host, scheme: 'http' as const }],
  ]);
  return createRegistryClient({
    registries: (h) => byHost.get(h),
    retries: RETRIES,
    retryBaseMs: 20,
    maxRetryDelayMs: RETRY_CAP_MS,
    timeoutMs,
  });
}

beforeAll(async () => {
  [src, dst] = await Promise.all([
    startRegistry({ variant: 'plain' }),
    startRegistry({ variant: 'plain' }),
  ]);
  await seedDemo({ url: src.url });
  proxy = await startFaultServer({ proxyTo: dst.url });
  client = clientThroughProxy(5000);
  direct = clientFor([src, dst]);
  const list = await direct.getManifest({ registry: src.host, repository: REPO }, 'latest');
  listDigest = list.parsed.digest;
  listRaw = list.parsed.raw;
  listType = list.parsed.mediaType;
  if (list.parsed.kind !== 'index') throw new Error('demo/shazam:latest is not a list');
  children = list.parsed.manifests.map((m) => ({
    digest: m.digest,
    mediaType: m.mediaType,
    size: m.size,
    source: { registry: src.host, repository: REPO },
  }));
  const child = await direct.getManifest(
    { registry: src.host, repository: REPO },
    children[0]!.digest,
  );
  if (child.parsed.kind !== 'image') throw new Error('the first child is not an image');
  layer = child.parsed.layers[0]!.digest;
  // The destination starts with the demo list, copied without faults.
  await retag(direct, { registry: src.host, repository: REPO, digest: listDigest }, [
    { registry: dst.host, repository: REPO, tag: 'latest', expectedDigest: null },
  ]);
});

afterAll(async () => {
  await Promise.all([client?.close(), direct?.close()]);
  await proxy?.close();
  await Promise.all([src?.stop(), dst?.stop()]);
});

beforeEach(() => proxy.reset());

/** Returns the error `fn` threw (failing the test when it did not throw, or threw a non-AppError). */
async function failure(fn: () => Promise<unknown>): Promise<AppError> {
  try {
    await fn();
  } catch (err) {
    expect(isAppError(err), String(err)).toBe(true);
    return err as AppError;
  }
  throw new Error('expected a failure');
}

const tagAt = async (repository: string, tag: string) =>
  (await direct.headManifest({ registry: dst.host, repository }, tag))?.digest ?? null;
const blobIn = async (repository: string, digest: string) =>
  (await direct.headBlob({ registry: dst.host, repository }, digest)) !== undefined;
const requestsTo = (method: string, pattern: RegExp) =>
  proxy.requests.filter((r) => r.method === method && pattern.test(r.url));

const childPath = () => new RegExp(`/v2/${REPO}/manifests/${children[0]!.digest}$`);
const proxyRef = (tag = 'latest') => parseReference(`${proxy.host}/${REPO}:${tag}`);

describe('reads under faults (inspect, browse)', () => {
  it.each([
    ['503 once', respond.status(503), 1],
    ['500 once', respond.json(500, { errors: [{ code: 'UNKNOWN', message: 'boom' }] }), 1],
    ['an HTML 502 page once', respond.html(502), 1],
    ['a reset mid-body once', respond.resetMidBody(40), 1],
    ['a truncated body once', respond.truncate(40), 1],
  ])('inspect recovers from %s on a child manifest: retried, nothing lost', async (_, fault) => {
    proxy.on({ method: 'GET', path: childPath(), times: 1, name: 'fault', respond: fault });
    const result = await inspect(client, proxyRef(), { cache: createContentCache() });
    expect(result.digest).toBe(listDigest);
    expect(result.manifests?.every((c) => c.error === undefined)).toBe(true);
    expect(proxy.hits('fault')).toHaveLength(1);
    expect(requestsTo('GET', childPath())).toHaveLength(2);
  });

  it.each([
    ['answers 503 every time', respond.status(503), /answered 503/, RETRIES + 1],
    [
      'answers an HTML 502 page',
      respond.html(502),
      /answered 502 SERVER_ERROR: 502 Bad Gateway \(an HTML page/,
      RETRIES + 1,
    ],
    ['resets the connection', respond.reset(), /Could not reach/, RETRIES + 1],
  ])(
    'inspect of a tag whose registry %s says so, after bounded retries',
    async (_, fault, message, attempts) => {
      proxy.on({ method: 'GET', path: /\/manifests\/latest$/, respond: fault });
      // Without a cache, inspect reads the tag with one GET.
      const err = await failure(() => inspect(client, proxyRef()));
      expect(err.message).toMatch(message);
      expect(err.message).toContain(proxy.host);
      expect(err.message).not.toMatch(/<html|<body/i);
      expect(requestsTo('GET', /\/manifests\/latest$/).length).toBe(attempts);
    },
  );

  it('a child whose bytes do not match their digest is refused, named, and retried', async () => {
    proxy.on({ method: 'GET', path: childPath(), name: 'fault', respond: respond.corrupt() });
    const result = await inspect(client, proxyRef(), { cache: createContentCache() });
    const bad = result.manifests?.find((c) => c.digest === children[0]!.digest);
    expect(bad?.error?.code).toBe('DIGEST_MISMATCH');
    expect(bad?.error?.message).toContain(proxy.host);
    // Read again (a new request) up to three times: bytes broken on the way are not final.
    expect(proxy.hits('fault').length).toBe(3);
    // The other children are read as usual.
    expect(result.manifests?.filter((c) => c.error).length).toBe(1);
  });

  it('a manifest over 4 MiB is refused as too large, naming the registry, and not retried', async () => {
    proxy.on({
      method: 'GET',
      path: /\/manifests\/huge$/,
      name: 'fault',
      respond: respond.hugeManifest(MediaType.OciIndex),
    });
    const err = await failure(() =>
      client.getManifest({ registry: proxy.host, repository: REPO }, 'huge'),
    );
    expect(err.code).toBe('TOO_LARGE');
    expect(err.message).toContain(proxy.host);
    expect(proxy.hits('fault')).toHaveLength(1);
  });

  it('a registry that stalls past the deadline is a TIMEOUT naming it, retried within limits', async () => {
    const quick = clientThroughProxy(600);
    try {
      proxy.on({ path: /\/tags\/list/, name: 'fault', respond: respond.stall() });
      const started = Date.now();
      const err = await failure(() => quick.listTags({ registry: proxy.host, repository: REPO }));
      expect(err.code).toBe('TIMEOUT');
      expect(err.message).toContain(proxy.host);
      expect(proxy.hits('fault')).toHaveLength(RETRIES + 1);
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      await quick.close();
    }
  });

  it('browse honours Retry-After on a 429, and caps a long one', async () => {
    proxy.on({ path: /\/tags\/list/, nth: 1, name: 'fault', respond: respond.retryAfter(1) });
    const page = await client.listTags({ registry: proxy.host, repository: REPO });
    expect(page.tags).toContain('latest');
    const [first, second] = requestsTo('GET', /\/tags\/list/);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);

    proxy.reset();
    proxy.on({ path: /\/tags\/list/, nth: 1, name: 'fault', respond: respond.retryAfter(3600) });
    await client.listTags({ registry: proxy.host, repository: REPO });
    const [a, b] = requestsTo('GET', /\/tags\/list/);
    expect(b!.at - a!.at).toBeGreaterThanOrEqual(RETRY_CAP_MS - 50);
    expect(b!.at - a!.at).toBeLessThan(RETRY_CAP_MS + 2000);
  });

  it('browse that keeps getting 429 reports the rate limit, naming the registry', async () => {
    proxy.on({ path: /\/tags\/list/, name: 'fault', respond: respond.retryAfter(0) });
    const err = await failure(() => client.listTags({ registry: proxy.host, repository: REPO }));
    expect(err.code).toBe('TOOMANYREQUESTS');
    expect(err.message).toContain(proxy.host);
    expect(proxy.hits('fault')).toHaveLength(RETRIES + 1);
  });
});

let n = 0;
const fresh = (what: string) => `${what}-${++n}`;

function plan(repository: string, tag: string): PushPlan {
  return {
    index: { bytes: listRaw, mediaType: listType, digest: listDigest },
    children,
    destinations: [{ registry: proxy.host, repository, tag, expectedDigest: null }],
  };
}

const write = {
  push: (repository: string, tag: string) => pushIndex(client, plan(repository, tag)),
  copy: (repository: string, tag: string) =>
    retag(client, { registry: src.host, repository: REPO, digest: listDigest }, [
      { registry: proxy.host, repository, tag, expectedDigest: null },
    ]),
};

describe.each(['push', 'copy'] as const)('%s under faults', (op) => {
  const blobPut = /\/blobs\/uploads\/[^?]+\?/;
  const childPut = (repository: string) => new RegExp(`/v2/${repository}/manifests/sha256:`);
  const indexPut = (repository: string, tag: string) =>
    new RegExp(`/v2/${repository}/manifests/${tag}$`);

  it.each([
    [
      'a 503 on every blob upload',
      { method: 'PUT', path: blobPut },
      respond.status(503),
      /answered 503/,
    ],
    [
      'a 500 on a child manifest',
      { method: 'PUT', path: childPut },
      respond.status(500),
      /answered 500/,
    ],
    [
      'a reset on a blob upload',
      { method: 'PUT', path: blobPut },
      respond.reset(),
      /Could not reach/,
    ],
    [
      'an HTML 502 on a child manifest',
      { method: 'PUT', path: childPut },
      respond.html(502),
      /answered 502/,
    ],
  ] as const)(
    'a %s fails it without writing the index; run again, it completes',
    async (_, where, fault, message) => {
      const repository = fresh(op);
      const path = typeof where.path === 'function' ? where.path(repository) : where.path;
      proxy.on({ method: where.method, path, name: 'fault', respond: fault });
      const err = await failure(() => write[op](repository, 'v1'));
      expect(err.message).toMatch(message);
      expect(err.message).toContain(proxy.host);
      expect(proxy.hits('fault').length).toBeGreaterThan(0);
      // Never an index before every child is there.
      expect(requestsTo('PUT', indexPut(repository, 'v1'))).toHaveLength(0);
      expect(await tagAt(repository, 'v1')).toBeNull();

      proxy.reset();
      await write[op](repository, 'v1');
      expect(await tagAt(repository, 'v1')).toBe(listDigest);
      for (const c of children) expect(await tagAt(repository, c.digest)).toBe(c.digest);
    },
  );

  it('an answer lost after the index PUT landed: the PUT (idempotent) is sent again and succeeds', async () => {
    const repository = fresh(op);
    proxy.on({
      method: 'PUT',
      path: indexPut(repository, 'v1'),
      nth: 1,
      name: 'fault',
      respond: respond.dropAfterForward(),
    });
    await write[op](repository, 'v1');
    expect(proxy.hits('fault')).toHaveLength(1);
    expect(requestsTo('PUT', indexPut(repository, 'v1'))).toHaveLength(2);
    expect(await tagAt(repository, 'v1')).toBe(listDigest);
  });

  it('an answer lost after a blob upload landed: reported; run again, that blob is not sent again', async () => {
    const repository = fresh(op);
    proxy.on({
      method: 'PUT',
      path: blobPut,
      nth: 1,
      name: 'fault',
      respond: respond.dropAfterForward(),
    });
    const err = await failure(() => write[op](repository, 'v1'));
    expect(err.message).toContain(proxy.host);
    const landed = new URL(proxy.hits('fault')[0]!.url, proxy.url).searchParams.get('digest')!;
    expect(await blobIn(repository, landed)).toBe(true);
    expect(requestsTo('PUT', indexPut(repository, 'v1'))).toHaveLength(0);
    expect(await tagAt(repository, 'v1')).toBeNull();

    proxy.reset();
    await write[op](repository, 'v1');
    const again = requestsTo('PUT', blobPut).filter((r) => r.url.includes(landed));
    expect(again).toHaveLength(0);
    expect(await tagAt(repository, 'v1')).toBe(listDigest);
  });

  it('a 429 with Retry-After on the index PUT is waited out and the write completes', async () => {
    const repository = fresh(op);
    proxy.on({
      method: 'PUT',
      path: indexPut(repository, 'v1'),
      nth: 1,
      name: 'fault',
      respond: respond.retryAfter(1),
    });
    await write[op](repository, 'v1');
    const puts = requestsTo('PUT', indexPut(repository, 'v1'));
    expect(puts).toHaveLength(2);
    expect(puts[1]!.at - puts[0]!.at).toBeGreaterThanOrEqual(950);
    expect(await tagAt(repository, 'v1')).toBe(listDigest);
  });
});

describe('retag and delete under faults', () => {
  const source = () => ({ registry: proxy.host, repository: REPO, digest: listDigest });

  it.each([
    ['a 503 on every try', respond.status(503), /answered 503/],
    ['an HTML 502 page', respond.html(502), /answered 502/],
    ['a reset', respond.reset(), /Could not reach/],
  ])('retag that meets %s says so and leaves the tag absent', async (_, fault, message) => {
    const tag = fresh('retag');
    proxy.on({
      method: 'PUT',
      path: new RegExp(`/manifests/${tag}$`),
      name: 'fault',
      respond: fault,
    });
    const err = await failure(() =>
      retag(client, source(), [
        { registry: proxy.host, repository: REPO, tag, expectedDigest: null },
      ]),
    );
    expect(err.message).toMatch(message);
    expect(err.message).toContain(proxy.host);
    expect(proxy.hits('fault').length).toBeGreaterThanOrEqual(1);
    expect(proxy.hits('fault').length).toBeLessThanOrEqual(RETRIES + 1);
    expect(await tagAt(REPO, tag)).toBeNull();
  });

  it('retag whose answer is lost after the PUT landed sends it again (idempotent) and succeeds', async () => {
    const tag = fresh('retag');
    proxy.on({
      method: 'PUT',
      path: new RegExp(`/manifests/${tag}$`),
      nth: 1,
      name: 'fault',
      respond: respond.dropAfterForward(),
    });
    const target = { registry: proxy.host, repository: REPO, tag, expectedDigest: null };
    const done = await retag(client, source(), [target]);
    expect(done.tags[0]?.changed).toBe(true);
    expect(requestsTo('PUT', new RegExp(`/manifests/${tag}$`))).toHaveLength(2);
    expect(await tagAt(REPO, tag)).toBe(listDigest);
  });

  it.each([
    ['a 503 on every try', respond.status(503), /answered 503/, true],
    ['an HTML 502 page', respond.html(502), /answered 502/, true],
    [
      'a dropped answer after the DELETE landed',
      respond.dropAfterForward(),
      /Could not reach/,
      false,
    ],
  ])(
    'delete that meets %s says so, and the registry state is what it says',
    async (_, fault, message, stays) => {
      const repository = fresh('delete');
      await retag(direct, { registry: src.host, repository: REPO, digest: listDigest }, [
        { registry: dst.host, repository, tag: 'v1', expectedDigest: null },
      ]);
      proxy.on({ method: 'DELETE', path: /\/manifests\/sha256:/, name: 'fault', respond: fault });
      const err = await failure(() =>
        deleteManifestVerified(client, { registry: proxy.host, repository }, listDigest),
      );
      expect(err.message).toMatch(message);
      expect(err.message).toContain(proxy.host);
      expect(await tagAt(repository, listDigest)).toBe(stays ? listDigest : null);
      expect(await blobIn(repository, layer)).toBe(true);
    },
  );
});
