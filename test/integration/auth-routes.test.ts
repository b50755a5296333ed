/**
 * The guard from the attacker's side, for every route under app/api (found by reading the folder,
 * so a new route cannot escape): a page on another site, a rebound DNS name, a read-only instance,
 * a viewer, nobody signed in. Against a real registry whose access log must show no write.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import bcrypt from 'bcryptjs';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { seedDemo } from '@/scripts/seed-lib';
import { startRegistry, type StartedRegistry } from '@/test/support/registry';

vi.mock('server-only', () => ({}));

type Handler = (req: NextRequest, ctx?: { params?: Promise<unknown> }) => Promise<Response>;
type Role = 'viewer' | 'editor' | 'admin';

const API = path.resolve(import.meta.dirname, '../../app/api');
/** Routes a registry calls, authenticated by the secret configured for it (docs/events.md). */
const SECRET_ROUTES = ['POST events/[source]'];
const WRITES = ['POST', 'PUT', 'PATCH', 'DELETE'];
const HOST = '127.0.0.1:3000';
const ORIGIN = `http://${HOST}`;
const PASSWORD = 'correct horse battery staple';

let registry: StartedRegistry;
let digest: string;
let child: string;
let dataDir: string;

/** A request each mutating route would act on if it let it through: real digests, real tags. */
function sample(key: string): { params: Record<string, string>; body?: unknown; role: Role } {
  const image = { registry: registry.host, repository: 'demo/shazam', digest };
  const tagged = { registry: registry.host, repository: 'demo/shazam', tag: 'latest' };
  const draft = { id: randomUUID() };
  const samples: Record<string, { params: Record<string, string>; body?: unknown; role: Role }> = {
    'POST drafts': { params: {}, body: { name: 'guard' }, role: 'editor' },
    'POST events/[source]': {
      params: { source: 'distribution' },
      body: { events: [] },
      role: 'viewer',
    },
    'PATCH drafts/[id]': { params: draft, body: { name: 'renamed' }, role: 'editor' },
    'DELETE drafts/[id]': { params: draft, role: 'editor' },
    'POST drafts/[id]/duplicate': { params: draft, body: {}, role: 'editor' },
    'POST drafts/[id]/entries': {
      params: draft,
      body: { reference: `${registry.host}/demo/shazam:latest` },
      role: 'editor',
    },
    'PATCH drafts/[id]/entries/[digest]': {
      params: { ...draft, digest: child },
      body: { position: 0 },
      role: 'editor',
    },
    'DELETE drafts/[id]/entries/[digest]': { params: { ...draft, digest: child }, role: 'editor' },
    'POST drafts/[id]/preview': {
      params: draft,
      body: { destinations: [`${registry.host}/guard/pushed:1`] },
      role: 'viewer',
    },
    'POST drafts/[id]/push': {
      params: draft,
      body: {
        destinations: [{ reference: `${registry.host}/guard/pushed:1`, expectedDigest: null }],
      },
      role: 'editor',
    },
    'POST images/copy/preview': {
      params: {},
      body: { ...image, destination: 'guard/copied:1' },
      role: 'viewer',
    },
    'POST images/copy': {
      params: {},
      body: { ...image, destination: 'guard/copied:1', expectedDigest: null },
      role: 'editor',
    },
    'POST images/delete': { params: {}, body: { ...image, seenTags: ['latest'] }, role: 'admin' },
    'POST images/remove-platform': {
      params: {},
      body: { ...tagged, expectedDigest: digest, platform: child },
      role: 'admin',
    },
    'POST images/restore': {
      params: {},
      body: { ...tagged, digest: child, expectedDigest: digest },
      role: 'admin',
    },
    'POST images/retag': {
      params: {},
      body: { ...image, targets: [{ reference: 'guard-retag', expectedDigest: null }] },
      role: 'editor',
    },
    'POST images/targets': { params: {}, body: { ...image, references: ['x'] }, role: 'viewer' },
    'POST images/untag': { params: {}, body: { ...tagged, expectedDigest: digest }, role: 'admin' },
    'POST jobs/[id]/retry': { params: { id: randomUUID() }, role: 'editor' },
    'POST tokens': { params: {}, body: { name: 'guard' }, role: 'viewer' },
    'POST coverage/estimate': { params: {}, body: { registry: registry.host }, role: 'viewer' },
    'POST coverage/scans': { params: {}, body: { registry: registry.host }, role: 'editor' },
    'POST coverage/scans/[id]/cancel': { params: { id: randomUUID() }, role: 'editor' },
    'POST coverage/scans/[id]/resume': { params: { id: randomUUID() }, role: 'editor' },
    'DELETE tokens/[id]': { params: { id: randomUUID() }, role: 'viewer' },
    'DELETE users/[id]/sessions': { params: { id: 'local:vera' }, role: 'admin' },
  };
  const s = samples[key];
  if (!s) throw new Error(`No sample request for ${key}: add one to this test`);
  return s;
}

interface RouteMethod {
  /** e.g. `POST images/retag` */
  key: string;
  dir: string;
  method: string;
}

/** Every method exported by every route module under app/api. */
async function enumerateRoutes(): Promise<RouteMethod[]> {
  const entries = await readdir(API, { withFileTypes: true, recursive: true });
  const files = entries
    .filter((e) => e.isFile() && e.name === 'route.ts')
    .map((e) => path.relative(API, e.parentPath))
    .sort();
  const out: RouteMethod[] = [];
  for (const dir of files) {
    const text = fs.readFileSync(path.join(API, dir, 'route.ts'), 'utf8');
    for (const m of text.matchAll(/export const (GET|HEAD|POST|PUT|PATCH|DELETE)\b/g))
      out.push({ key: `${m[1]} ${dir}`, dir, method: m[1]! });
  }
  return out;
}

async function handlerOf(r: RouteMethod): Promise<Handler> {
  const mod = (await import(path.join(API, r.dir, 'route.ts'))) as Record<string, Handler>;
  return mod[r.method]!;
}

interface Call {
  host?: string;
  origin?: string | null;
  contentType?: string;
  cookie?: string;
  bearer?: string;
  peer?: string;
  headers?: Record<string, string>;
  /** A query string, e.g. '?wait=25000&since=x'. */
  query?: string;
}

/** Returns the route's answer to a request built as a browser (or an attacker) would send it. */
async function call(r: RouteMethod, c: Call = {}, body?: unknown): Promise<Response> {
  // Reads carry no body; their segments only need a plausible shape (the guard runs first).
  const s: { params: Record<string, string>; body?: unknown } = r.dir.startsWith('auth')
    ? { params: {}, body: { name: 'nobody', password: 'x' } }
    : WRITES.includes(r.method)
      ? sample(r.key)
      : { params: { id: randomUUID(), host: registry.host }, body: undefined };
  const url = new URL(
    `/api/${r.dir.replace(/\[(\.\.\.)?(\w+)\]/g, (_m, _d, k: string) => encodeURIComponent(s.params[k] ?? k))}${c.query ?? ''}`,
    ORIGIN,
  );
  const headers: Record<string, string> = { host: c.host ?? HOST, ...c.headers };
  if (c.origin !== null) headers.origin = c.origin ?? ORIGIN;
  if (c.contentType !== undefined) headers['content-type'] = c.contentType;
  else headers['content-type'] = 'application/json';
  if (c.cookie) headers.cookie = c.cookie;
  if (c.bearer) headers.authorization = `Bearer ${c.bearer}`;
  if (c.peer) headers['x-manifold-peer'] = c.peer;
  const payload = body ?? s.body;
  const read = r.method === 'GET' || r.method === 'HEAD';
  const req = new NextRequest(url, {
    method: r.method,
    headers,
    ...(!read && payload !== undefined ? { body: JSON.stringify(payload) } : {}),
  });
  return (await handlerOf(r))(req, { params: Promise.resolve(s.params) });
}

/**
 * The probes (/api/health, /api/ready) answer load balancers and kubelets, which send the pod's
 * address as Host and no credentials: they are exempt from the Host check and from sign-in, and in
 * exchange must answer nothing but their status. Checked here instead, on every such request.
 */
const PROBES = ['GET health', 'GET ready'];

async function expectProbeAnswer(r: RouteMethod, res: Response): Promise<void> {
  expect([200, 503], r.key).toContain(res.status);
  const body = (await res.json()) as Record<string, unknown>;
  const keys = r.key === 'GET health' ? ['status'] : ['status', 'checks', 'failing', 'error'];
  for (const k of Object.keys(body)) expect(keys, `${r.key} answers ${k}`).toContain(k);
  expect(JSON.stringify(body)).not.toContain(dataDir);
}

async function codeOf(res: Response): Promise<string | undefined> {
  const text = await res.text();
  try {
    return (JSON.parse(text) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
}

/** Reloads the route modules with a new environment (lib/config reads it once per module load). */
function configure(env: Record<string, string | undefined>, file?: string): void {
  vi.resetModules();
  for (const k of ['MANIFOLD_CONFIG', 'MANIFOLD_READ_ONLY', 'MANIFOLD_PEER_HEADER'])
    delete process.env[k];
  Object.assign(process.env, env);
  if (file !== undefined) {
    const p = path.join(dataDir, `config-${randomUUID()}.yaml`);
    fs.writeFileSync(p, file);
    process.env.MANIFOLD_CONFIG = p;
  }
}

async function registryWrites(): Promise<string[]> {
  return (await registry.accessLog())
    .filter((e) => e.method !== 'GET' && e.method !== 'HEAD')
    .map((e) => `${e.method} ${e.path}`);
}

let routes: RouteMethod[];
let mutating: RouteMethod[];

beforeAll(async () => {
  registry = await startRegistry({ variant: 'plain' });
  const seeded = await seedDemo({ url: registry.url });
  digest = seeded['demo/shazam:latest']!;
  child = seeded['demo/shazam:amd64']!;
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifold-guard-'));
  process.env.MANIFOLD_REGISTRIES = registry.host;
  process.env.MANIFOLD_DATA_DIR = dataDir;
  process.env.MANIFOLD_DOCKER_CREDENTIALS = 'false';
  routes = await enumerateRoutes();
  // Event receivers are a registry's, not a user's: they are tested below by their secret.
  mutating = routes.filter(
    (r) => WRITES.includes(r.method) && !r.dir.startsWith('auth') && !SECRET_ROUTES.includes(r.key),
  );
});

afterAll(async () => {
  await registry?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('every route, single user on loopback', () => {
  it('finds the mutating routes and has a sample request for each', () => {
    expect(mutating.length).toBeGreaterThanOrEqual(18);
    expect(mutating.map((r) => r.key)).toContain('POST images/retag');
    for (const r of mutating) expect(() => sample(r.key)).not.toThrow();
  });

  it('refuses cross-origin text/plain and JSON changes, and same-origin text/plain; the registry sees no write', async () => {
    configure({});
    const before = await registryWrites();
    for (const r of [...mutating, ...routes.filter((x) => x.dir.startsWith('auth/sign'))]) {
      const form = await call(r, { origin: 'http://evil.example', contentType: 'text/plain' });
      expect([r.key, form.status, await codeOf(form)]).toEqual([r.key, 403, 'CROSS_ORIGIN']);
      const json = await call(r, { origin: 'http://evil.example' });
      expect([r.key, json.status, await codeOf(json)]).toEqual([r.key, 403, 'CROSS_ORIGIN']);
      const site = await call(r, { origin: null, headers: { 'sec-fetch-site': 'cross-site' } });
      expect([r.key, site.status]).toEqual([r.key, 403]);
      const plain = await call(r, { contentType: 'text/plain' });
      expect([r.key, plain.status, await codeOf(plain)]).toEqual([
        r.key,
        415,
        'UNSUPPORTED_CONTENT_TYPE',
      ]);
    }
    expect(await registryWrites()).toEqual(before);
  });

  it('refuses a Host it does not answer to on every route, reads included (DNS rebinding)', async () => {
    configure({});
    const before = await registryWrites();
    for (const r of routes) {
      const res = await call(r, {
        host: 'rebound.evil.example:3000',
        origin: 'http://rebound.evil.example:3000',
      });
      if (PROBES.includes(r.key)) await expectProbeAnswer(r, res);
      else expect([r.key, res.status, await codeOf(res)]).toEqual([r.key, 421, 'HOST_NOT_ALLOWED']);
    }
    expect(routes.filter((r) => PROBES.includes(r.key)).length).toBe(PROBES.length);
    expect(await registryWrites()).toEqual(before);
  });

  it('lets a same-origin change through (the guard is not simply closed)', async () => {
    configure({});
    const created = await call(
      mutating.find((r) => r.key === 'POST drafts')!,
      {
        origin: null,
        headers: { 'sec-fetch-site': 'same-origin' },
      },
    );
    expect(created.status).toBe(201);
  });
});

describe('a read-only instance', () => {
  it('answers 403 READ_ONLY on every mutating route', async () => {
    configure({ MANIFOLD_READ_ONLY: '1' });
    const before = await registryWrites();
    for (const r of mutating) {
      const res = await call(r);
      expect([r.key, res.status, await codeOf(res)]).toEqual([r.key, 403, 'READ_ONLY']);
    }
    expect(await registryWrites()).toEqual(before);
  });
});

const signInFile = async (): Promise<string> => {
  const hash = await bcrypt.hash(PASSWORD, 4);
  return [
    'auth:',
    '  users:',
    `    - { name: vera, passwordHash: "${hash}", role: viewer }`,
    `    - { name: ed, passwordHash: "${hash}", role: editor }`,
    `    - { name: ted, passwordHash: "${hash}" }`,
    '  proxy:',
    '    userHeader: X-Forwarded-User',
    '    groupsHeader: X-Forwarded-Groups',
    '    trustedAddresses: [10.9.9.9]',
    'roles:',
    '  - { subject: "group:proxy-editors", role: editor }',
    `  - { subject: "user:local:ted", role: editor, registry: "${registry.host}", repository: "guard/*" }`,
    '',
  ].join('\n');
};

async function signIn(name: string, password = PASSWORD): Promise<Response> {
  const r = routes.find((x) => x.key === 'POST auth/sign-in')!;
  return call(r, {}, { name, password });
}

async function sessionCookie(name: string): Promise<string> {
  const res = await signIn(name);
  expect(res.status).toBe(200);
  const set = res.headers.get('set-cookie') ?? '';
  expect(set).toMatch(/HttpOnly/);
  expect(set).toMatch(/SameSite=Lax/);
  return set.split(';')[0]!;
}

describe('with sign-in configured', () => {
  it('answers 401 without a session and 403 FORBIDDEN naming the role to a viewer', async () => {
    configure({ MANIFOLD_PEER_HEADER: '1' }, await signInFile());
    const before = await registryWrites();
    const viewer = await sessionCookie('vera');
    for (const r of mutating) {
      const anonymous = await call(r);
      expect([r.key, anonymous.status, await codeOf(anonymous)]).toEqual([
        r.key,
        401,
        'UNAUTHENTICATED',
      ]);
      const res = await call(r, { cookie: viewer });
      const needed = sample(r.key).role;
      if (needed === 'viewer') {
        expect([r.key, res.status]).not.toEqual([r.key, 403]);
      } else {
        const body = (await res.json()) as {
          error: { code: string; details?: { required?: string } };
        };
        expect([r.key, res.status, body.error.code, body.error.details?.required]).toEqual([
          r.key,
          403,
          'FORBIDDEN',
          needed,
        ]);
      }
    }
    for (const r of routes.filter((x) => x.method === 'GET' && !x.dir.startsWith('auth'))) {
      const res = await call(r);
      if (PROBES.includes(r.key)) await expectProbeAnswer(r, res);
      else expect([r.key, res.status]).toEqual([r.key, 401]);
    }
    // A job's long poll is refused before it waits: nobody signed out holds a request open.
    const job = routes.find((r) => r.key === 'GET jobs/[id]')!;
    const t0 = Date.now();
    const polled = await call(job, { query: '?wait=25000&since=x' });
    expect([polled.status, Date.now() - t0 < 5_000]).toEqual([401, true]);
    expect(await registryWrites()).toEqual(before);
  });

  it('applies grants per repository pattern: an editor of guard/* may not touch demo/shazam', async () => {
    configure({ MANIFOLD_PEER_HEADER: '1' }, await signInFile());
    const ted = await sessionCookie('ted');
    const retag = routes.find((r) => r.key === 'POST images/retag')!;
    const res = await call(retag, { cookie: ted });
    expect([res.status, await codeOf(res)]).toEqual([403, 'FORBIDDEN']);
    const inspect = routes.find((r) => r.key === 'GET inspect')!;
    const url = `/api/inspect?ref=${registry.host}/demo/shazam:latest`;
    const read = await (
      await handlerOf(inspect)
    )(new NextRequest(new URL(url, ORIGIN), { headers: { host: HOST, cookie: ted } }));
    expect(read.status).toBe(403);
    // Copying demo/shazam into guard/ needs a view of the source too.
    const copy = routes.find((r) => r.key === 'POST images/copy')!;
    const into = `${registry.host}/guard/copied:1`;
    const body = {
      registry: registry.host,
      repository: 'demo/shazam',
      digest,
      expectedDigest: null,
    };
    const copied = await call(copy, { cookie: ted }, { ...body, destination: into });
    expect([copied.status, await codeOf(copied)]).toEqual([403, 'FORBIDDEN']);
  });

  it('signs in with a password, refuses a wrong one, rate-limits attempts, and signs out for good', async () => {
    configure({ MANIFOLD_PEER_HEADER: '1' }, await signInFile());
    expect((await signIn('ed', 'wrong')).status).toBe(401);
    expect((await signIn('nobody')).status).toBe(401);
    const cookie = await sessionCookie('ed');
    const drafts = routes.find((r) => r.key === 'GET drafts')!;
    expect((await call(drafts, { cookie })).status).toBe(200);
    const out = routes.find((r) => r.key === 'POST auth/sign-out')!;
    const signedOut = await call(out, { cookie });
    expect(signedOut.status).toBe(200);
    expect(signedOut.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect((await call(drafts, { cookie })).status).toBe(401);

    // From an address of its own: the counters live in the store and outlast this test.
    const signInRoute = routes.find((x) => x.key === 'POST auth/sign-in')!;
    let last = 0;
    for (let i = 0; i < 12; i++)
      last = (
        await call(signInRoute, { peer: '198.51.100.7' }, { name: 'vera', password: `guess-${i}` })
      ).status;
    expect(last).toBe(429);
  });

  it('honours proxy headers only from the configured proxy address', async () => {
    configure({ MANIFOLD_PEER_HEADER: '1' }, await signInFile());
    const drafts = routes.find((r) => r.key === 'POST drafts')!;
    const headers = { 'x-forwarded-user': 'pat', 'x-forwarded-groups': 'proxy-editors' };
    const forged = await call(drafts, { peer: '192.168.1.20', headers });
    expect(forged.status).toBe(401);
    const viaProxy = await call(drafts, { peer: '10.9.9.9', headers });
    expect(viaProxy.status).toBe(201);
    // Under a plain `next start` (no peer stamp from scripts/start.mjs) nothing is trusted.
    configure({}, await signInFile());
    expect((await call(drafts, { peer: '10.9.9.9', headers })).status).toBe(401);
  });

  it('API tokens: work without an origin, never exceed their owner, stop at revocation and expiry', async () => {
    configure({ MANIFOLD_PEER_HEADER: '1' }, await signInFile());
    const create = routes.find((r) => r.key === 'POST tokens')!;
    const revoke = routes.find((r) => r.key === 'DELETE tokens/[id]')!;
    const createDraft = routes.find((r) => r.key === 'POST drafts')!;
    const newToken = async (cookie: string, role: Role, expiresInDays: number | null = 30) => {
      const res = await call(create, { cookie }, { name: `t-${role}`, role, expiresInDays });
      expect(res.status).toBe(201);
      return (await res.json()) as { secret: string; token: { id: string } };
    };
    const ed = await sessionCookie('ed');
    const vera = await sessionCookie('vera');

    const editorToken = await newToken(ed, 'editor');
    const asScript = { origin: null, bearer: editorToken.secret };
    expect((await call(createDraft, asScript)).status).toBe(201);
    // A token capped at viewer cannot write, though its owner can.
    const capped = await newToken(ed, 'viewer');
    const cappedRes = await call(createDraft, { origin: null, bearer: capped.secret });
    expect([cappedRes.status, await codeOf(cappedRes)]).toEqual([403, 'FORBIDDEN']);
    // A viewer's token asking for admin is still a viewer's.
    const viewerToken = await newToken(vera, 'admin');
    const viewerRes = await call(createDraft, { origin: null, bearer: viewerToken.secret });
    expect([viewerRes.status, await codeOf(viewerRes)]).toEqual([403, 'FORBIDDEN']);

    // Revoked: 401.
    const revoked = await call(revoke, {}, undefined);
    expect(revoked.status).toBe(401);
    const byOwner = await call({ ...revoke, key: 'DELETE tokens/[id]' }, { cookie: ed });
    expect(byOwner.status).toBe(404); // not one of ed's tokens (a random id)
    const { revokeToken } = await import('@/lib/store');
    expect(revokeToken('local:ed', editorToken.token.id)).toBe(true);
    const afterRevoke = await call(createDraft, asScript);
    expect([afterRevoke.status, await codeOf(afterRevoke)]).toEqual([401, 'UNAUTHENTICATED']);

    // Expired: 401.
    const soon = await newToken(ed, 'editor', 1);
    const { getDb } = await import('@/lib/store');
    getDb()
      .prepare('UPDATE tokens SET expires_at = ? WHERE id = ?')
      .run(new Date(Date.now() - 1000).toISOString(), soon.token.id);
    const expired = await call(createDraft, { origin: null, bearer: soon.secret });
    expect([expired.status, await codeOf(expired)]).toEqual([401, 'UNAUTHENTICATED']);
    // A made-up token: 401.
    const madeUp = await call(createDraft, { origin: null, bearer: 'mfd_not-a-real-token' });
    expect(madeUp.status).toBe(401);
  });
});

describe('the event receivers (secret-authenticated routes)', () => {
  it('are exactly the routes marked secret, and refuse every sender without the secret: cross-origin, same-origin, a wrong bearer, read-only or not', async () => {
    const { declarationOf } = await import('@/lib/http');
    const marked: string[] = [];
    for (const r of routes) if (declarationOf(await handlerOf(r)) === 'secret') marked.push(r.key);
    expect(marked).toEqual(SECRET_ROUTES);
    const secret = 'auth-routes-event-secret-0123456789';
    const file = [
      'events:',
      '  receivers:',
      `    - { source: distribution, registry: "${registry.host}", secret: "${secret}" }`,
      '',
    ].join('\n');
    for (const env of [{}, { MANIFOLD_READ_ONLY: '1' }]) {
      configure({ ...env, MANIFOLD_REGISTRIES: registry.host }, file);
      for (const key of SECRET_ROUTES) {
        const r = routes.find((x) => x.key === key)!;
        const media = { contentType: 'application/vnd.docker.distribution.events.v1+json' };
        for (const c of [
          { ...media, origin: 'http://evil.example' },
          { ...media },
          { ...media, bearer: 'a-guessed-secret-0000000000000000' },
          { ...media, bearer: `${secret}x` },
          { ...media, origin: null, headers: { 'sec-fetch-site': 'same-origin' } },
        ]) {
          const res = await call(r, c);
          expect([key, JSON.stringify(c), res.status, await codeOf(res)]).toEqual([
            key,
            JSON.stringify(c),
            401,
            'UNAUTHENTICATED',
          ]);
        }
        // The secret alone lets it through, from no origin, read-only or not.
        const ok = await call(r, { ...media, origin: null, bearer: secret });
        expect([key, ok.status]).toEqual([key, 202]);
      }
    }
  });

  it('each source takes only its own secret, carried only as that source carries it', async () => {
    const { EVENT_SOURCE_NAMES } = await import('@/lib/config-events');
    const { EVENT_SOURCES } = await import('@/lib/events');
    const secretOf = (s: string) => `${s}-auth-routes-secret-0123456789`;
    const receivers = EVENT_SOURCE_NAMES.map(
      (s) => `    - { source: ${s}, registry: "${registry.host}", secret: "${secretOf(s)}" }`,
    );
    configure(
      { MANIFOLD_REGISTRIES: registry.host },
      ['events:', '  receivers:', ...receivers, ''].join('\n'),
    );
    const h = await handlerOf(routes.find((x) => x.key === 'POST events/[source]')!);
    const post = (source: string, headers: Record<string, string>, query = '') =>
      h(
        new NextRequest(`${ORIGIN}/api/events/${source}${query}`, {
          method: 'POST',
          headers: { host: HOST, 'content-type': 'application/json', ...headers },
          body: '{}',
        }),
        { params: Promise.resolve({ source }) },
      );
    for (const source of EVENT_SOURCE_NAMES) {
      const own = secretOf(source);
      const other = secretOf(source === 'ecr' ? 'zot' : 'ecr');
      const wrong: { headers: Record<string, string>; query?: string }[] = [
        { headers: { authorization: `Bearer ${other}` } },
        { headers: {}, query: `?token=${other}` },
        { headers: { 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` } },
        // The right secret in the wrong place: a bearer where a signature is due, and so on.
        ...(EVENT_SOURCES[source].auth === 'bearer'
          ? [{ headers: {}, query: `?token=${own}` }]
          : [{ headers: { authorization: `Bearer ${own}` } }]),
      ];
      for (const c of wrong) {
        const res = await post(source, c.headers, c.query);
        expect([source, c, res.status, await codeOf(res)]).toEqual([
          source,
          c,
          401,
          'UNAUTHENTICATED',
        ]);
      }
    }
  });
});
