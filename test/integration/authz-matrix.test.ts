/**
 * The authorization matrix, generated from app/api: every route and method (read from the folder)
 * must carry a resource declaration and have an entry below. Requests that name or resolve to
 * something outside the grant (another repository, another registry, a bare tag, a default
 * registry) are refused to every user of `a/*` before any registry hears of them; requests inside
 * work for the users whose role covers them and are refused to the others.
 */
import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { callRoute, handlerOf, type ApiRequest } from '@/test/support/api-routes';
import {
  GRANT_OF,
  startAuthzWorld,
  type AuthzWorld,
  type Role,
  type User,
} from '@/test/support/authz-world';

vi.mock('server-only', () => ({}));

type Case = Omit<ApiRequest, 'cookie'>;
interface Inside extends Case {
  /** The least role on `a/*` that may do it; `everywhere`: only an admin of everything. */
  role: Role | 'everywhere';
  /** What the first user allowed gets (default: any 2xx); later users only must not be refused. */
  ok?: number[];
}
interface Entry {
  outside: Case[];
  inside: Inside[];
}

/**
 * The sign-in routes and the probes: public by design (no principal yet; a load balancer has
 * none), tested in auth-routes.test.ts and operations.test.ts.
 */
const PUBLIC = [
  'GET auth/oidc/callback',
  'GET auth/oidc/start',
  'POST auth/sign-in',
  'POST auth/sign-out',
  'GET health',
  'GET ready',
];
/** Event receivers: a registry's, authenticated by its secret, tested in auth-routes.test.ts. */
const SECRET = ['POST events/[source]'];
const A_USERS = ['vic', 'eddie', 'ada'] as const;
const RANK: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };
const ANY = [200, 201, 202, 204, 404, 409, 422];

let w: AuthzWorld;
let draftId: string;
let doomedDraftId: string;
/** A draft holding an image of b/secret: pushing or previewing it reads outside the grant. */
let taintedDraftId: string;
let scanInside: string;
let scanOutside: string;

/** The table. A function: it needs the registries' ports and the seeded digests. */
function matrix(): Record<string, Entry> {
  const R1 = w.r1.host;
  const R2 = w.r2.host;
  const D = w.digest;
  const img = (repository: string) => ({ registry: R1, repository, digest: D });
  const tagged = (repository: string, tag = 'prod') => ({ registry: R1, repository, tag });
  const q = (o: Record<string, string>) => `?${new URLSearchParams(o).toString()}`;
  const draft = { id: draftId };
  const tainted = { id: taintedDraftId };
  const scanOut = { id: scanOutside };
  const scanIn = { id: scanInside };
  const read = (role: Role = 'viewer', ok = ANY): Inside[] => [{ role, ok }];
  const notFoundish = (o: Case & { role: Role }): Inside[] => [{ ...o, ok: ANY }];
  return {
    'GET activity': { outside: [], inside: read() },
    'POST coverage/estimate': {
      outside: [{ body: { registry: R2 } }],
      inside: [{ body: { registry: R1 }, role: 'viewer' }],
    },
    'GET coverage/scans': { outside: [], inside: [{ query: q({ registry: R1 }), role: 'viewer' }] },
    'POST coverage/scans': {
      outside: [{ body: { registry: R2 } }],
      inside: [{ body: { registry: R1 }, role: 'editor' }],
    },
    'GET coverage/scans/[id]': {
      outside: [{ params: scanOut }],
      inside: [{ params: scanIn, role: 'viewer' }],
    },
    'POST coverage/scans/[id]/cancel': {
      outside: [{ params: scanOut }],
      inside: notFoundish({ params: scanIn, role: 'editor' }),
    },
    'GET coverage/scans/[id]/export': {
      outside: [{ params: scanOut }],
      inside: [{ params: scanIn, role: 'viewer' }],
    },
    'GET coverage/scans/[id]/repositories': {
      outside: [{ params: scanOut }],
      inside: [{ params: scanIn, role: 'viewer' }],
    },
    'POST coverage/scans/[id]/resume': {
      outside: [{ params: scanOut }],
      inside: notFoundish({ params: scanIn, role: 'editor' }),
    },
    'GET coverage/scans/[id]/totals': {
      outside: [{ params: scanOut }],
      inside: [{ params: scanIn, role: 'viewer' }],
    },
    'GET drafts': { outside: [], inside: read() },
    'POST drafts': {
      outside: [
        { body: { name: 'x', from: `${R1}/b/secret:prod` } },
        { body: { name: 'x', from: 'b/secret:prod' } },
        { body: { name: 'x', from: `${R2}/a/app:latest` } },
      ],
      inside: [{ body: { name: 'mine' }, role: 'editor', ok: [201] }],
    },
    'GET drafts/[id]': {
      outside: [{ params: tainted, query: '?check=1' }],
      inside: [{ params: draft, role: 'viewer' }],
    },
    'PATCH drafts/[id]': {
      outside: [],
      inside: notFoundish({ params: draft, body: { name: 'n' }, role: 'editor' }),
    },
    'DELETE drafts/[id]': {
      outside: [],
      inside: notFoundish({ params: { id: doomedDraftId }, role: 'editor' }),
    },
    'POST drafts/[id]/duplicate': {
      outside: [],
      inside: [{ params: draft, body: {}, role: 'editor' }],
    },
    'POST drafts/[id]/entries': {
      outside: [
        { params: draft, body: { reference: `${R1}/b/secret:prod` } },
        { params: draft, body: { reference: 'b/secret:prod' } },
        { params: draft, body: { reference: `${R2}/a/app:latest` } },
      ],
      inside: [{ params: draft, body: { reference: `${R1}/a/app:latest` }, role: 'editor' }],
    },
    'PATCH drafts/[id]/entries/[digest]': {
      outside: [],
      inside: notFoundish({
        params: { ...draft, digest: w.child },
        body: { position: 0 },
        role: 'editor',
      }),
    },
    'DELETE drafts/[id]/entries/[digest]': {
      outside: [],
      inside: notFoundish({ params: { ...draft, digest: w.child }, role: 'editor' }),
    },
    'GET drafts/[id]/jobs': { outside: [], inside: [{ params: draft, role: 'viewer' }] },
    'POST drafts/[id]/preview': {
      outside: [
        { params: tainted, body: { destinations: [`${R1}/a/pushed:2`] } },
        { params: draft, body: { destinations: [`${R1}/b/secret:prod`] } },
        { params: draft, body: { destinations: ['b/secret:prod'] } },
        { params: draft, body: { destinations: [`${R1}/a/x:1`, `${R2}/a/app:1`] } },
      ],
      inside: notFoundish({
        params: draft,
        body: { destinations: [`${R1}/a/pushed:1`] },
        role: 'viewer',
      }),
    },
    'POST drafts/[id]/push': {
      outside: [
        {
          params: tainted,
          body: { destinations: [{ reference: `${R1}/a/pushed:2`, expectedDigest: null }] },
        },
        {
          params: draft,
          body: { destinations: [{ reference: `${R1}/b/secret:prod`, expectedDigest: null }] },
        },
        {
          params: draft,
          body: { destinations: [{ reference: 'b/secret:prod', expectedDigest: null }] },
        },
        {
          params: draft,
          body: { destinations: [{ reference: `${R2}/a/app:1`, expectedDigest: null }] },
        },
      ],
      inside: notFoundish({
        params: draft,
        body: { destinations: [{ reference: `${R1}/a/pushed:1`, expectedDigest: null }] },
        role: 'editor',
      }),
    },
    'GET drafts/resolve': {
      outside: [
        { query: q({ ref: `${R1}/b/secret:prod` }) },
        { query: q({ ref: 'b/secret:prod' }) },
        { query: q({ ref: `${R2}/a/app:latest` }) },
      ],
      inside: [{ query: q({ ref: `${R1}/a/app:latest` }), role: 'viewer', ok: [200] }],
    },
    'POST images/copy': {
      outside: [
        { body: { ...img('a/app'), destination: 'b/secret:prod', expectedDigest: D } },
        { body: { ...img('a/app'), destination: `${R2}/a/app:copied`, expectedDigest: null } },
        { body: { ...img('b/secret'), destination: 'a/app:stolen', expectedDigest: null } },
      ],
      inside: [
        {
          body: { ...img('a/app'), destination: 'a/copy:1', expectedDigest: null },
          role: 'editor',
          ok: [202],
        },
        {
          body: { ...img('a/app'), destination: 'a/copy:2', expectedDigest: null, force: true },
          role: 'admin',
          ok: [202],
        },
      ],
    },
    'POST images/copy/preview': {
      outside: [
        { body: { ...img('a/app'), destination: 'b/secret:prod' } },
        { body: { ...img('a/app'), destination: `${R2}/a/app:latest` } },
        { body: { ...img('b/secret'), destination: 'a/app:x' } },
      ],
      inside: [{ body: { ...img('a/app'), destination: 'a/copy:9' }, role: 'viewer', ok: [200] }],
    },
    'POST images/delete': {
      outside: [{ body: img('b/secret') }],
      inside: [{ body: img('a/scratch'), role: 'admin', ok: [200] }],
    },
    'GET images/delete-preview': {
      outside: [{ query: q(img('b/secret')) }],
      inside: [{ query: q(img('a/app')), role: 'viewer', ok: [200] }],
    },
    'GET images/history': {
      outside: [{ query: q(tagged('b/secret')) }],
      inside: [{ query: q(tagged('a/app')), role: 'viewer', ok: [200] }],
    },
    'POST images/remove-platform': {
      outside: [
        { body: { ...tagged('b/secret'), expectedDigest: D, platform: w.child } },
        { body: { ...tagged('b/secret'), expectedDigest: D, platform: w.child, preview: true } },
      ],
      inside: [
        {
          body: { ...tagged('a/app'), expectedDigest: D, platform: w.child, preview: true },
          role: 'viewer',
          ok: [200],
        },
        {
          body: { ...tagged('a/app'), expectedDigest: D, platform: w.child },
          role: 'admin',
          ok: [200],
        },
      ],
    },
    'POST images/restore': {
      outside: [{ body: { ...tagged('b/secret'), digest: D, expectedDigest: D } }],
      inside: notFoundish({
        body: { ...tagged('a/app', 'latest'), digest: D, expectedDigest: D },
        role: 'admin',
      }),
    },
    'POST images/retag': {
      outside: [
        { body: { ...img('a/app'), targets: [{ reference: 'b/secret:prod', expectedDigest: D }] } },
        {
          body: {
            ...img('a/app'),
            targets: [{ reference: `${R2}/a/app:prod`, expectedDigest: null }],
          },
        },
        {
          body: {
            ...img('a/app'),
            targets: [
              { reference: 'ok', expectedDigest: null },
              { reference: 'b/secret:x', expectedDigest: null },
            ],
          },
        },
        { body: { ...img('b/secret'), targets: [{ reference: 'prod2', expectedDigest: null }] } },
      ],
      inside: [
        {
          body: { ...img('a/app'), targets: [{ reference: 'stable', expectedDigest: null }] },
          role: 'editor',
          ok: [200],
        },
        {
          body: {
            ...img('a/app'),
            targets: [{ reference: 'a/other:1', expectedDigest: null }],
            force: true,
          },
          role: 'admin',
          ok: [200],
        },
      ],
    },
    'POST images/targets': {
      outside: [
        { body: { ...img('a/app'), references: ['b/secret:prod'] } },
        { body: { ...img('a/app'), references: ['latest', `${R2}/a/app:latest`] } },
        { body: { ...img('b/secret'), references: ['prod'] } },
      ],
      inside: [
        {
          body: { ...img('a/app'), references: ['latest', 'a/other:9'] },
          role: 'viewer',
          ok: [200],
        },
      ],
    },
    'POST images/untag': {
      outside: [{ body: { ...tagged('b/secret'), expectedDigest: D } }],
      inside: notFoundish({
        body: { ...tagged('a/app', 'nope'), expectedDigest: D },
        role: 'admin',
      }),
    },
    'GET inspect': {
      outside: [
        { query: q({ ref: `${R1}/b/secret:prod` }) },
        { query: q({ ref: `${R2}/a/app:latest` }) },
      ],
      inside: [{ query: q({ ref: `${R1}/a/app:latest` }), role: 'viewer', ok: [200] }],
    },
    'GET jobs/[id]': {
      outside: [],
      inside: notFoundish({ params: { id: randomUUID() }, role: 'viewer' }),
    },
    'POST jobs/[id]/retry': {
      outside: [],
      inside: notFoundish({ params: { id: randomUUID() }, role: 'editor' }),
    },
    'GET registries/[host]/repositories': {
      outside: [{ params: { host: R2 } }, { params: { host: R2 }, query: q({ q: 'app' }) }],
      inside: [
        { params: { host: R1 }, role: 'viewer', ok: [200] },
        { params: { host: R1 }, query: q({ q: 'secret' }), role: 'viewer', ok: [200] },
      ],
    },
    'GET summaries': {
      outside: [{ query: q({ registry: R1, repository: 'b/secret', tags: 'prod' }) }],
      inside: [
        {
          query: q({ registry: R1, repository: 'a/app', tags: 'latest,prod' }),
          role: 'viewer',
          ok: [200],
        },
      ],
    },
    'GET summary': {
      outside: [
        { query: q({ ref: `${R1}/b/secret:prod` }) },
        { query: q({ ref: `${R2}/a/app:latest` }) },
      ],
      inside: [{ query: q({ ref: `${R1}/a/app:latest` }), role: 'viewer', ok: [200] }],
    },
    'GET tags': {
      outside: [
        { query: q({ registry: R1, repository: 'b/secret' }) },
        { query: q({ registry: R2, repository: 'a/app' }) },
      ],
      inside: [{ query: q({ registry: R1, repository: 'a/app' }), role: 'viewer', ok: [200] }],
    },
    'GET tokens': { outside: [], inside: [{ role: 'viewer', ok: [200] }] },
    'POST tokens': {
      outside: [],
      inside: [
        { body: { name: 't', role: 'viewer', expiresInDays: 30 }, role: 'viewer', ok: [201] },
      ],
    },
    // Ending another user's sign-ins is the instance's business: admin of a/* is not enough.
    'DELETE users/[id]/sessions': {
      outside: [{ params: { id: 'local:vic' } }],
      inside: [{ params: { id: 'local:nobody' }, role: 'everywhere', ok: [200] }],
    },
    'DELETE tokens/[id]': {
      outside: [],
      inside: notFoundish({ params: { id: randomUUID() }, role: 'viewer' }),
    },
  };
}

async function codeOf(res: Response): Promise<string | undefined> {
  try {
    return ((await res.json()) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
}

function routeOf(key: string) {
  const r = w.routes.find((x) => x.key === key);
  if (!r) throw new Error(`No route ${key}`);
  return r;
}

beforeAll(async () => {
  // The users of a/* share a group, so the drafts root shares with it are theirs to open too.
  const team = ['a-team'];
  w = await startAuthzWorld({ groups: { vic: team, eddie: team, ada: team } });
  const { insertCoverageScan } = await import('@/lib/store');
  const { scanParamsSchema } = await import('@/lib/coverage');
  const newDraft = async (name: string) => {
    const res = await callRoute(routeOf('POST drafts'), { body: { name }, cookie: w.cookies.root });
    expect(res.status).toBe(201);
    const id = ((await res.json()) as { id: string }).id;
    const shared = await callRoute(routeOf('PATCH drafts/[id]'), {
      params: { id },
      body: { sharedWith: 'a-team' },
      cookie: w.cookies.root,
    });
    expect(shared.status).toBe(200);
    return id;
  };
  draftId = await newDraft('matrix');
  doomedDraftId = await newDraft('doomed');
  taintedDraftId = await newDraft('tainted');
  const added = await callRoute(routeOf('POST drafts/[id]/entries'), {
    params: { id: taintedDraftId },
    body: { reference: `${w.r1.host}/b/secret:prod` },
    cookie: w.cookies.root,
  });
  expect(added.status).toBe(201);
  scanInside = randomUUID();
  scanOutside = randomUUID();
  insertCoverageScan({
    id: scanInside,
    registry: w.r1.host,
    params: scanParamsSchema.parse({ registry: w.r1.host }),
  });
  insertCoverageScan({
    id: scanOutside,
    registry: w.r2.host,
    params: scanParamsSchema.parse({ registry: w.r2.host }),
  });
});

afterAll(async () => {
  // Jobs started inside the grant finish before their registry goes away.
  const { listJobs } = await import('@/lib/jobs');
  const until = Date.now() + 15_000;
  while (
    Date.now() < until &&
    listJobs({}).some((j) => j.status === 'running' || j.status === 'queued')
  )
    await new Promise((r) => setTimeout(r, 100));
  await w?.stop();
});

describe('the authorization matrix of every app/api route', () => {
  it('has a declaration on every handler and an entry for every route (and none for a route that is gone)', async () => {
    const { declarationOf } = await import('@/lib/http');
    const table = matrix();
    expect(w.routes.length).toBeGreaterThanOrEqual(40);
    for (const r of w.routes) {
      const kind = declarationOf(await handlerOf(r));
      expect([r.key, kind]).not.toEqual([r.key, undefined]);
      if (kind === 'public') {
        expect(PUBLIC).toContain(r.key);
        continue;
      }
      if (kind === 'secret') {
        expect(SECRET).toContain(r.key);
        continue;
      }
      const entry = table[r.key];
      expect(entry, `${r.key} needs a row in the matrix`).toBeDefined();
      // A route that names resources must be tried with some outside its grant.
      if (kind === 'resources') expect([r.key, entry!.outside.length > 0]).toEqual([r.key, true]);
      expect([r.key, entry!.inside.length > 0]).toEqual([r.key, true]);
    }
    const keys = new Set(w.routes.map((r) => r.key));
    for (const key of [...Object.keys(table), ...PUBLIC, ...SECRET]) expect(keys).toContain(key);
  });

  it('refuses every request outside the grant to every user of a/*, before any registry is asked', async () => {
    const table = matrix();
    let tried = 0;
    for (const [key, entry] of Object.entries(table)) {
      for (const c of entry.outside) {
        for (const user of ['nora', ...A_USERS] as const) {
          await w.mark();
          const res = await callRoute(routeOf(key), { ...c, cookie: w.cookies[user] });
          const code = await codeOf(res);
          expect([key, user, JSON.stringify(c), res.status, code]).toEqual([
            key,
            user,
            JSON.stringify(c),
            403,
            'FORBIDDEN',
          ]);
          const heard = (await w.since()).map((e) => `${e.method} ${e.path}`);
          expect([key, user, heard]).toEqual([key, user, []]);
          tried++;
        }
        const anonymous = await callRoute(routeOf(key), c);
        expect([key, anonymous.status]).toEqual([key, 401]);
      }
    }
    expect(tried).toBeGreaterThanOrEqual(4 * 40);
  });

  it('lets a request inside the grant through for the roles that cover it, and only those', async () => {
    const table = matrix();
    for (const [key, entry] of Object.entries(table)) {
      for (const c of entry.inside) {
        const { role, ok, ...req } = c;
        let first = true;
        for (const user of ['nora', ...A_USERS, 'root'] as const) {
          const res = await callRoute(routeOf(key), { ...req, cookie: w.cookies[user] });
          const allowed =
            user === 'root' ||
            (role !== 'everywhere' && user !== 'nora' && RANK[GRANT_OF[user]] >= RANK[role]);
          const label = [key, user, JSON.stringify(req)];
          if (!allowed) {
            expect([...label, res.status, await codeOf(res)]).toEqual([...label, 403, 'FORBIDDEN']);
          } else if (first) {
            first = false;
            const text = await res.text();
            expect([
              ...label,
              (ok ?? [200, 201, 202]).includes(res.status),
              text.slice(0, 300),
            ]).toEqual([...label, true, text.slice(0, 300)]);
          } else {
            expect([...label, [401, 403, 500].includes(res.status)]).toEqual([...label, false]);
          }
        }
      }
    }
  });

  it('lists in the catalog only the repositories the reader may pull', async () => {
    const list = async (user: User) => {
      const res = await callRoute(routeOf('GET registries/[host]/repositories'), {
        params: { host: w.r1.host },
        cookie: w.cookies[user],
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { repositories: string[] }).repositories;
    };
    expect(await list('vic')).not.toContain('b/secret');
    expect(await list('vic')).toContain('a/app');
    expect(await list('root')).toContain('b/secret');
  });

  it('searches the catalog with the same filter: a search never names a repository outside the grant', async () => {
    const search = async (user: User, words: string) => {
      const res = await callRoute(routeOf('GET registries/[host]/repositories'), {
        params: { host: w.r1.host },
        query: `?${new URLSearchParams({ q: words }).toString()}`,
        cookie: w.cookies[user],
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { repositories: string[] }).repositories;
    };
    expect(await search('vic', 'secret')).toEqual([]);
    expect(await search('vic', 'b/')).toEqual([]);
    const inside = await search('vic', 'a/');
    expect(inside).toContain('a/app');
    expect(inside.filter((r) => !r.startsWith('a/'))).toEqual([]);
    expect(await search('root', 'secret')).toEqual(['b/secret']);
  });
});
