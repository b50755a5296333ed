import { inspect } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sha256Digest, type RegistryClient, type RequestInfo } from '@/lib/registry';
import { isAppError, type AppError } from '@/lib/errors';
import { seedDemo } from '@/scripts/seed-lib';
import { blobGets, countRequests } from '@/test/support/access-log';
import { startRegistry, type StartedRegistry } from '@/test/support/registry';
import { clientFor, skopeoInspectRaw } from '@/test/support/registry-client';
import { caught } from '@/test/support/caught';

let basic: StartedRegistry;
let token: StartedRegistry;
let seeded: Record<string, string>;
const clients: RegistryClient[] = [];

function track(client: RegistryClient): RegistryClient {
  clients.push(client);
  return client;
}

beforeAll(async () => {
  [basic, token] = await Promise.all([
    startRegistry({ variant: 'basic' }),
    startRegistry({ variant: 'token' }),
  ]);
  seeded = await seedDemo({ url: basic.url, username: basic.username, password: basic.password });
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await Promise.all([basic?.stop(), token?.stop()]);
});

describe('basic auth registry', () => {
  it('ping reports basic auth, and whether our credentials get through', async () => {
    const anonymous = track(clientFor([{ reg: basic, opts: { anonymous: true } }]));
    expect(await anonymous.ping(basic.host)).toMatchObject({
      reachable: true,
      status: 401,
      authScheme: 'basic',
      needsCredentials: true,
    });
    const good = track(clientFor([basic]));
    expect(await good.ping(basic.host)).toEqual({
      reachable: true,
      status: 200,
      authScheme: 'basic',
      needsCredentials: false,
    });
    const wrong = track(
      clientFor([
        { reg: basic, opts: { credentials: { username: 'manifold', password: 'nope' } } },
      ]),
    );
    const result = await wrong.ping(basic.host);
    expect(result).toMatchObject({ reachable: true, authScheme: 'basic', needsCredentials: true });
    expect(result.error?.code).toBe('UNAUTHORIZED');
    expect(JSON.stringify(result.error?.toJSON())).not.toContain('nope');
  });

  it('lists, reads and pushes with credentials; refuses without them', async () => {
    const client = track(clientFor([basic]));
    const repo = { registry: basic.host, repository: 'demo/shazam' };
    const tags = await client.listTags(repo);
    expect(new Set(tags.tags)).toEqual(
      new Set(['amd64', 'arm64', 'ppc64le', 's390x', 'armv7', 'latest']),
    );
    const { parsed } = await client.getManifest(repo, 'latest');
    expect(parsed.digest).toBe(seeded['demo/shazam:latest']);
    const pushed = await client.putManifest(
      repo,
      'pushed-with-basic',
      parsed.raw,
      parsed.mediaType,
    );
    expect(pushed.digest).toBe(parsed.digest);
    expect((await client.listRepositories(basic.host)).repositories).toContain('demo/shazam');

    const anonymous = track(clientFor([{ reg: basic, opts: { anonymous: true } }]));
    const err = await caught(anonymous.getManifest(repo, 'latest'));
    expect(err.code).toBe('UNAUTHORIZED');
    expect(err.message).toContain('requires credentials');
  });

  it('sends credentials up front after the first challenge', async () => {
    const client = track(clientFor([basic]));
    const repo = { registry: basic.host, repository: 'demo/single' };
    await basic.clearAccessLog();
    for (let i = 0; i < 5; i++) await client.headManifest(repo, '1.0');
    const log = await basic.accessLog();
    expect(countRequests(log, { status: 401 })).toBe(1);
    expect(countRequests(log, { method: 'HEAD', status: 200 })).toBe(5);
  });
});

describe('token auth registry', () => {
  it('ping reports bearer; anonymous tokens are enough to reach /v2/', async () => {
    const anonymous = track(clientFor([{ reg: token, opts: { anonymous: true } }]));
    expect(await anonymous.ping(token.host)).toEqual({
      reachable: true,
      status: 200,
      authScheme: 'bearer',
      needsCredentials: false,
    });
    const wrong = track(
      clientFor([{ reg: token, opts: { credentials: { username: 'manifold', password: 'bad' } } }]),
    );
    const result = await wrong.ping(token.host);
    expect(result).toMatchObject({ reachable: true, authScheme: 'bearer', needsCredentials: true });
    expect(result.error?.code).toBe('UNAUTHORIZED');
  });

  it('copies from the basic registry to the token registry (streamed, both authenticated)', async () => {
    const client = track(clientFor([basic, token]));
    const result = await client.copyManifest(
      { registry: basic.host, repository: 'demo/shazam' },
      { registry: token.host, repository: 'demo/shazam' },
      'latest',
    );
    expect(result.digest).toBe(seeded['demo/shazam:latest']);
    const raw = await skopeoInspectRaw(`${token.host}/demo/shazam:latest`, {
      username: token.username,
      password: token.password,
    });
    expect(sha256Digest(raw)).toBe(seeded['demo/shazam:latest']);
  });

  it('20 concurrent requests cause exactly one token request', async () => {
    const client = track(clientFor([token]));
    token.tokenServer?.reset();
    const repo = { registry: token.host, repository: 'demo/shazam' };
    const results = await Promise.all(
      Array.from({ length: 20 }, () => client.headManifest(repo, 'latest')),
    );
    expect(new Set(results.map((r) => r?.digest))).toEqual(new Set([seeded['demo/shazam:latest']]));
    expect(token.tokenServer?.tokenRequests()).toBe(1);
    // The cached token is attached up front: more calls cost no token request and no 401.
    await token.clearAccessLog();
    await Promise.all(Array.from({ length: 5 }, () => client.getManifest(repo, 'latest')));
    expect(token.tokenServer?.tokenRequests()).toBe(1);
    expect(countRequests(await token.accessLog(), { status: 401 })).toBe(0);
  });

  it('mounts across repositories with one token covering both', async () => {
    const client = track(clientFor([token]));
    const src = { registry: token.host, repository: 'demo/shazam' };
    const dst = { registry: token.host, repository: 'team/shazam' };
    await token.clearAccessLog();
    const result = await client.copyManifest(src, dst, 'latest', { tags: ['mirrored'] });
    expect(result.digest).toBe(seeded['demo/shazam:latest']);
    expect(result.blobs.uploaded).toBe(0);
    expect(result.blobs.mounted).toBeGreaterThan(0);
    expect(blobGets(await token.accessLog())).toEqual([]);
  });

  it('anonymous callers may pull but not push or list', async () => {
    const anonymous = track(clientFor([{ reg: token, opts: { anonymous: true } }]));
    const repo = { registry: token.host, repository: 'demo/shazam' };
    const { parsed } = await anonymous.getManifest(repo, 'latest');
    expect(parsed.kind).toBe('index');
    const push = await caught(anonymous.putManifest(repo, 'anon', parsed.raw, parsed.mediaType));
    expect(push.code).toBe('UNAUTHORIZED');
    const list = await caught(anonymous.listRepositories(token.host));
    expect(list.code).toBe('UNAUTHORIZED');
    const authed = track(clientFor([token]));
    expect((await authed.listRepositories(token.host)).repositories).toEqual(
      expect.arrayContaining(['demo/shazam', 'team/shazam']),
    );
  });

  it('deletes with the delete scope', async () => {
    const client = track(clientFor([token]));
    const repo = { registry: token.host, repository: 'team/shazam' };
    const digest = seeded['demo/shazam:latest'] ?? '';
    await client.deleteManifest(repo, digest);
    expect(await client.headManifest(repo, 'mirrored')).toBeUndefined();
    // The list's children stay.
    const { parsed } = await client.getManifest(
      { registry: token.host, repository: 'demo/shazam' },
      'latest',
    );
    if (parsed.kind !== 'index') throw new Error('expected a list');
    expect(await client.headManifest(repo, parsed.manifests[0]?.digest ?? '')).toBeDefined();
  });
});

describe('token scopes the registry withholds', () => {
  it('a read-only user pulls, and is DENIED (insufficient_scope) on push, not asked to log in', async () => {
    const { username, password } = token.readOnly ?? { username: '', password: '' };
    const reader = track(
      clientFor([{ reg: token, opts: { credentials: { username, password } } }]),
    );
    const repo = { registry: token.host, repository: 'demo/shazam' };
    const { parsed } = await reader.getManifest(repo, 'latest');
    expect(parsed.digest).toBe(seeded['demo/shazam:latest']);
    await token.clearAccessLog();
    const err = await caught(reader.putManifest(repo, 'reader', parsed.raw, parsed.mediaType));
    expect(err.code).toBe('DENIED');
    expect(err.message).toContain('insufficient_scope');
    expect(err.message).not.toContain(password);
    // The registry said insufficient_scope; nothing was written.
    const log = await token.accessLog();
    expect(countRequests(log, { method: 'PUT', status: 401 })).toBeGreaterThan(0);
    expect(countRequests(log, { method: 'PUT', status: 201 })).toBe(0);
    expect(await reader.headManifest(repo, 'reader')).toBeUndefined();
  });

  it('a registry that never grants the catalog (Docker Hub, GHCR): UNSUPPORTED, tags still list', async () => {
    const hub = await startRegistry({ variant: 'token', catalog: false });
    try {
      const client = track(clientFor([basic, hub]));
      const repo = { registry: hub.host, repository: 'demo/single' };
      await client.copyManifest({ registry: basic.host, repository: 'demo/single' }, repo, '1.0');
      const err = await caught(client.listRepositories(hub.host));
      expect(err.code).toBe('UNSUPPORTED');
      expect(err.message).toContain('type a repository name');
      expect((await client.listTags(repo)).tags).toEqual(['1.0']);
      // Wrong credentials on the same registry are not mistaken for "no catalog".
      const wrong = track(
        clientFor([
          { reg: hub, opts: { credentials: { username: hub.username ?? '', password: 'nope' } } },
        ]),
      );
      expect((await caught(wrong.listRepositories(hub.host))).code).toBe('UNAUTHORIZED');
    } finally {
      await hub.stop();
    }
  });
});

describe('credentials never appear in logs or errors', () => {
  const WRONG = 'wrong-secret-5d1f';

  /** Every form a secret could leak in: itself, Basic's base64, and URL-encoded. */
  function forms(username: string, password: string): string[] {
    return [
      password,
      Buffer.from(`${username}:${password}`).toString('base64'),
      encodeURIComponent(password),
    ];
  }

  function expectClean(text: string, secrets: string[]): void {
    for (const secret of secrets) expect(text).not.toContain(secret);
  }

  it.each(['basic', 'token'] as const)(
    'on the %s registry: wrong and right credentials, every operation, every log line',
    async (variant) => {
      const reg = variant === 'basic' ? basic : token;
      const username = reg.username ?? '';
      const logs: RequestInfo[] = [];
      const onRequest = (info: RequestInfo) => logs.push(info);
      const repo = { registry: reg.host, repository: 'demo/shazam' };

      const wrong = track(
        clientFor([{ reg, opts: { credentials: { username, password: WRONG } } }], { onRequest }),
      );
      const failures: unknown[] = [
        (await wrong.ping(reg.host)).error,
        await caught(wrong.listRepositories(reg.host)),
        await caught(wrong.listTags(repo)),
        await caught(wrong.getManifest(repo, 'latest')),
        await caught(
          wrong.putManifest(
            repo,
            'leak',
            new TextEncoder().encode('{}'),
            'application/vnd.oci.image.index.v1+json',
          ),
        ),
        await caught(wrong.deleteManifest(repo, seeded['demo/shazam:latest'] ?? '')),
      ];
      expect(failures.map((f) => (isAppError(f) ? f.code : String(f)))).toEqual(
        Array(failures.length).fill('UNAUTHORIZED'),
      );
      for (const f of failures) {
        const err = f as AppError;
        const everything = [
          err.message,
          String(err),
          err.stack ?? '',
          JSON.stringify(err.toJSON()),
          inspect(err, { depth: 10, showHidden: true }),
        ].join('\n');
        expectClean(everything, forms(username, WRONG));
      }

      const right = track(clientFor([reg], { onRequest }));
      const { parsed } = await right.getManifest(repo, 'latest');
      await right.putManifest(repo, 'leak-check', parsed.raw, parsed.mediaType);
      expect((await right.listRepositories(reg.host)).repositories).toContain('demo/shazam');

      expect(logs.length).toBeGreaterThan(failures.length);
      if (variant === 'token')
        expect(logs.some((l) => l.url.startsWith(reg.tokenServer?.url ?? '-'))).toBe(true);
      const logText = inspect(logs, { depth: 10 });
      expectClean(logText, [...forms(username, WRONG), ...forms(username, reg.password ?? '')]);
    },
  );
});
