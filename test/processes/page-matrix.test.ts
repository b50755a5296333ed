/**
 * The authorization matrix of every page, generated from app/: each `page.tsx` must have a row,
 * and each row is fetched from a real production server, as a browser would, by a user with no
 * grant and by a viewer of `a/*`. Outside the grant a page shows the refusal or holds nothing of
 * `b/secret` (whose image no other repository has), and the registries hear nothing of it; inside
 * the grant the page works; signed out, every page but sign-in sends the browser to sign in.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import bcrypt from 'bcryptjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { seedImageAs } from '@/scripts/seed-lib';
import { ensureProductionBuild, startAppServer, type AppServer } from '@/test/support/app-server';
import { startRegistry, type StartedRegistry } from '@/test/support/registry';

const APP = path.resolve(import.meta.dirname, '../../app');
const PASSWORD = 'correct horse battery staple';
type Viewer = 'nora' | 'vic';
/** The page's refusal: the API's sentence, or the users page's own. */
const REFUSAL = /needs the (viewer|admin) role|is for admins of every registry/;

/** What a page must show a user outside the grant. */
type Outside = 'refused' | 'nothing-of-b';
interface Row {
  /** Visited by nora (no grant) and vic (viewer of `a/*`): nothing of b/secret, nor of r2's repositories. */
  outside: { url: string; expect: Outside }[];
  /** Visited by vic: the page works (200) and shows `shows`. */
  inside?: { url: string; shows: string };
  /** The sign-in page itself answers signed out. */
  public?: boolean;
}

let r1: StartedRegistry;
let r2: StartedRegistry;
let app: AppServer;
let dataDir: string;
let secretDigest: string;
let secretDraft = '';
const cookies = {} as Record<Viewer | 'root', string>;

function pagesOfApp(dir = APP, prefix = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory() && !e.name.startsWith('_'))
      out.push(...pagesOfApp(path.join(dir, e.name), `${prefix}/${e.name}`));
    else if (e.name === 'page.tsx') out.push(prefix || '/');
  }
  return out.sort();
}

function matrix(): Record<string, Row> {
  const h1 = r1.host;
  const h2 = r2.host;
  return {
    '/': { outside: [{ url: '/', expect: 'nothing-of-b' }], inside: { url: '/', shows: h1 } },
    '/activity': {
      outside: [
        { url: '/activity', expect: 'nothing-of-b' },
        { url: '/activity?action=retag', expect: 'nothing-of-b' },
      ],
      inside: { url: '/activity', shows: 'Activity' },
    },
    '/coverage': {
      outside: [{ url: '/coverage', expect: 'nothing-of-b' }],
      inside: { url: '/coverage', shows: 'Coverage' },
    },
    '/drafts': {
      outside: [{ url: '/drafts', expect: 'nothing-of-b' }],
      inside: { url: '/drafts', shows: 'Drafts' },
    },
    '/drafts/[id]': { outside: [{ url: `/drafts/${secretDraft}`, expect: 'nothing-of-b' }] },
    '/image/[...ref]': {
      outside: [
        { url: `/image/${h1}/b/secret:prod`, expect: 'refused' },
        { url: `/image/${h1}/b/secret:no-such-tag`, expect: 'refused' },
        { url: `/image/${h2}/a/app:latest`, expect: 'refused' },
      ],
      inside: { url: `/image/${h1}/a/app:latest`, shows: 'a/app' },
    },
    '/registry/[host]': {
      outside: [
        { url: `/registry/${h1}`, expect: 'nothing-of-b' },
        { url: `/registry/${h2}`, expect: 'refused' },
      ],
      inside: { url: `/registry/${h1}`, shows: 'a/app' },
    },
    '/repo/[host]/[...name]': {
      outside: [
        { url: `/repo/${h1}/b/secret`, expect: 'refused' },
        { url: `/repo/${h2}/a/app`, expect: 'refused' },
      ],
      inside: { url: `/repo/${h1}/a/app`, shows: 'a/app' },
    },
    '/settings/tokens': {
      outside: [{ url: '/settings/tokens', expect: 'nothing-of-b' }],
      inside: { url: '/settings/tokens', shows: 'token' },
    },
    // Other users' sign-ins are an admin's of everything: not even the list of names.
    '/settings/users': { outside: [{ url: '/settings/users', expect: 'refused' }] },
    '/sign-in': { outside: [], public: true },
  };
}

async function signIn(name: string): Promise<string> {
  const res = await fetch(`${app.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: app.url },
    body: JSON.stringify({ name, password: PASSWORD }),
  });
  expect([name, res.status]).toEqual([name, 200]);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

async function asRoot(method: string, api: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${app.url}${api}`, {
    method,
    headers: { 'content-type': 'application/json', origin: app.url, cookie: cookies.root },
    body: JSON.stringify(body),
  });
  const json: unknown = await res.json();
  expect([api, res.status < 300, JSON.stringify(json).slice(0, 200)]).toEqual([
    api,
    true,
    JSON.stringify(json).slice(0, 200),
  ]);
  return json;
}

async function page(url: string, cookie?: string): Promise<{ status: number; html: string }> {
  const res = await fetch(`${app.url}${url}`, {
    redirect: 'manual',
    headers: cookie ? { cookie } : {},
  });
  return { status: res.status, html: await res.text() };
}

/** Requests the registries heard that name b/secret or any repository of the second registry. */
async function outsideRequests(): Promise<string[]> {
  const one = (await r1.accessLog()).filter((e) => e.path.includes('/b/secret'));
  // r2 holds nothing of vic's: at most its status ping (`GET /v2/`) on the home page.
  const two = (await r2.accessLog()).filter((e) => e.path !== '/v2/');
  return [...one, ...two].map((e) => `${e.method} ${e.path}`);
}

beforeAll(async () => {
  ensureProductionBuild();
  [r1, r2] = await Promise.all([
    startRegistry({ variant: 'plain' }),
    startRegistry({ variant: 'plain' }),
  ]);
  await seedImageAs({ url: r1.url }, 'demo/shazam:latest', 'a/app', ['latest']);
  // b/secret holds an image no repository inside the grant has: its digest must never show.
  secretDigest = await seedImageAs({ url: r1.url }, 'demo/single:1.0', 'b/secret', ['prod']);
  await seedImageAs({ url: r2.url }, 'demo/shazam:latest', 'a/app', ['latest']);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifold-pages-'));
  const hash = await bcrypt.hash(PASSWORD, 4);
  const config = path.join(dataDir, 'config.yaml');
  fs.writeFileSync(
    config,
    [
      'auth:',
      '  users:',
      ...['nora', 'vic', 'root'].map((u) => `    - { name: ${u}, passwordHash: "${hash}" }`),
      'roles:',
      `  - { subject: "user:local:vic", role: viewer, registry: "${r1.host}", repository: "a/*" }`,
      '  - { subject: "user:local:root", role: admin }',
      '',
    ].join('\n'),
  );
  app = await startAppServer({
    dataDir: path.join(dataDir, 'data'),
    registries: [r1.host, r2.host],
    env: { MANIFOLD_CONFIG: config },
  });
  for (const u of ['nora', 'vic', 'root'] as const) cookies[u] = await signIn(u);
  // Rows about b/secret in every list: a retag (activity), a draft holding it (drafts).
  await asRoot('POST', '/api/images/retag', {
    registry: r1.host,
    repository: 'b/secret',
    digest: secretDigest,
    targets: [{ reference: 'b/secret:copy', expectedDigest: null }],
  });
  const draft = (await asRoot('POST', '/api/drafts', {
    name: 'secret draft',
    from: `${r1.host}/b/secret:prod`,
  })) as { id: string };
  secretDraft = draft.id;
  await Promise.all([r1.clearAccessLog(), r2.clearAccessLog()]);
}, 600_000);

afterAll(async () => {
  await app?.stop();
  await Promise.all([r1?.stop(), r2?.stop()]);
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the authorization matrix of every page', () => {
  it('has a row for every page under app/ (and none for a page that is gone)', () => {
    const pages = pagesOfApp();
    expect(pages.length).toBeGreaterThanOrEqual(10);
    expect(Object.keys(matrix()).sort()).toEqual(pages);
  });

  it('shows a user outside the grant the refusal or nothing of it, and asks no registry about it', async () => {
    let tried = 0;
    for (const [key, row] of Object.entries(matrix())) {
      for (const c of row.outside) {
        for (const user of ['nora', 'vic'] as const) {
          const { status, html } = await page(c.url, cookies[user]);
          const label = [key, c.url, user];
          expect([...label, status < 500]).toEqual([...label, true]);
          expect([...label, html.includes(secretDigest)]).toEqual([...label, false]);
          expect([...label, html.includes('secret draft')]).toEqual([...label, false]);
          if (c.expect === 'refused')
            expect([...label, REFUSAL.test(html)]).toEqual([...label, true]);
          else expect([...label, html.includes('b/secret')]).toEqual([...label, false]);
          tried++;
        }
      }
    }
    expect(await outsideRequests()).toEqual([]);
    expect(tried).toBeGreaterThanOrEqual(2 * 14);
  });

  it('the markers are real: an admin of everything sees b/secret on the same pages', async () => {
    const h1 = r1.host;
    const seen = async (url: string, marker: string) =>
      (await page(url, cookies.root)).html.includes(marker);
    expect(await seen(`/image/${h1}/b/secret:prod`, secretDigest)).toBe(true);
    expect(await seen('/activity', 'b/secret')).toBe(true);
    expect(await seen('/drafts', 'secret draft')).toBe(true);
    expect(await seen(`/drafts/${secretDraft}`, 'secret draft')).toBe(true);
    expect(await seen(`/registry/${h1}`, 'b/secret')).toBe(true);
  });

  it('lets a viewer of a/* use the pages inside the grant', async () => {
    for (const [key, row] of Object.entries(matrix())) {
      if (!row.inside) continue;
      const { status, html } = await page(row.inside.url, cookies.vic);
      expect([key, status, html.includes(row.inside.shows)]).toEqual([key, 200, true]);
    }
  });

  it('sends a signed-out browser to sign in from every page but the sign-in page', async () => {
    for (const [key, row] of Object.entries(matrix())) {
      const url = row.outside[0]?.url ?? '/sign-in';
      const { status } = await page(url);
      expect([key, status]).toEqual([key, row.public ? 200 : 303]);
    }
  });
});
