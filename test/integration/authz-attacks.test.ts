/**
 * Issue 20's findings, each replayed from the attacker's side against real registries: a user of
 * `a/*` reaching a repository or registry outside the grant through what a request resolves to,
 * and pages that ask the registry before the grant or answer differently from their API.
 */
import { isValidElement, type ReactElement } from 'react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { callRoute, type RouteMethod } from '@/test/support/api-routes';
import { startAuthzWorld, type AuthzWorld, type User } from '@/test/support/authz-world';

vi.mock('server-only', () => ({}));

// The page's viewer, as proxy.ts would stamp it on the request.
const pageHeaders = vi.hoisted(() => ({ current: new Headers() }));
vi.mock('next/headers', () => ({ headers: () => Promise.resolve(pageHeaders.current) }));

let w: AuthzWorld;

function viewPagesAs(user: User): void {
  const principal = { id: `local:${user}`, name: user, via: 'password', user: `local:${user}` };
  pageHeaders.current = new Headers({
    'x-manifold-principal': encodeURIComponent(JSON.stringify(principal)),
  });
}

function route(key: string): RouteMethod {
  const r = w.routes.find((x) => x.key === key);
  if (!r) throw new Error(`No route ${key}`);
  return r;
}

/** Returns the status, error code and message of an API answer. */
async function answer(res: Response): Promise<[number, string | undefined, string | undefined]> {
  const body = (await res.json()) as { error?: { code?: string; message?: string } };
  return [res.status, body.error?.code, body.error?.message];
}

/** Returns every request the registries received while `fn` ran, as `METHOD /path`. */
async function heardDuring(fn: () => Promise<void>): Promise<string[]> {
  await w.mark();
  await fn();
  return (await w.since()).map((e) => `${e.method} ${e.path}`);
}

beforeAll(async () => {
  w = await startAuthzWorld();
});

afterAll(async () => {
  await w?.stop();
});

describe('issue 20: what a request resolves to is checked, wherever it lands', () => {
  it('an editor of a/* cannot retag a/app onto b/secret:prod, nor onto another configured registry', async () => {
    const source = { registry: w.r1.host, repository: 'a/app', digest: w.digest };
    for (const reference of ['b/secret:prod', `${w.r2.host}/a/app:prod`]) {
      let got: Awaited<ReturnType<typeof answer>> | undefined;
      const heard = await heardDuring(async () => {
        const res = await callRoute(route('POST images/retag'), {
          body: { ...source, targets: [{ reference, expectedDigest: null }] },
          cookie: w.cookies.eddie,
        });
        got = await answer(res);
      });
      expect([reference, got?.[0], got?.[1]]).toEqual([reference, 403, 'FORBIDDEN']);
      // Not a PUT, not even a HEAD of the tag: the registries never heard of the request.
      expect([reference, heard]).toEqual([reference, []]);
    }
  });

  it('a viewer of a/* reads no tag outside the grant through /api/images/targets or the copy preview', async () => {
    const source = { registry: w.r1.host, repository: 'a/app', digest: w.digest };
    const tries: Array<[string, unknown]> = [
      ['POST images/targets', { ...source, references: ['latest', 'b/secret:prod'] }],
      ['POST images/copy/preview', { ...source, destination: 'b/secret:prod' }],
      ['POST images/copy/preview', { ...source, destination: `${w.r2.host}/a/app:latest` }],
    ];
    for (const [key, body] of tries) {
      let got: Awaited<ReturnType<typeof answer>> | undefined;
      const heard = await heardDuring(async () => {
        got = await answer(await callRoute(route(key), { body, cookie: w.cookies.vic }));
      });
      expect([key, got?.[0], got?.[1], heard]).toEqual([key, 403, 'FORBIDDEN', []]);
    }
  });
});

describe('issue 20: pages check the grant first and answer as their API does', () => {
  it('the home page counts only the repositories the reader may pull, and asks nothing of a registry outside the grant', async () => {
    const { countRepositories } = await import('@/lib/server/registry-status');
    const { canAccess } = await import('@/lib/auth/guard');
    const vic = { id: 'local:vic', name: 'vic', via: 'password' as const };
    const can = (r: Parameters<typeof canAccess>[1]) => canAccess(vic, r);
    // r1 holds a/app, a/scratch and b/secret: vic (viewer of a/*) is told of two.
    expect(await countRepositories(w.r1.host, can)).toEqual({
      kind: 'count',
      count: 2,
      more: false,
    });
    await w.mark();
    expect(await countRepositories(w.r2.host, can)).toEqual({ kind: 'unknown' });
    expect(await w.since()).toEqual([]);
  });

  it('the image page tells a user without access nothing, not even whether a tag exists, and asks no registry', async () => {
    const { loadImagePage } = await import('@/lib/server/image-page');
    viewPagesAs('vic');
    for (const ref of ['b/secret:prod', 'b/secret:no-such-tag']) {
      const segments = [w.r1.host, ...ref.split('/')];
      let page: Awaited<ReturnType<typeof loadImagePage>> | undefined;
      const heard = await heardDuring(async () => {
        page = await loadImagePage(segments, {});
      });
      const api = await answer(
        await callRoute(route('GET inspect'), {
          query: `?ref=${encodeURIComponent(`${w.r1.host}/${ref}`)}`,
          cookie: w.cookies.vic,
        }),
      );
      expect([ref, page?.kind, heard]).toEqual([ref, 'denied', []]);
      // The same sentence as the API's 403.
      expect([ref, page?.kind === 'denied' ? page.message : undefined]).toEqual([ref, api[2]]);
    }
  });

  it('the repository and registry pages refuse with the same words as GET /api/tags and the catalog route', async () => {
    const { default: RepositoryPage } = await import('@/app/repo/[host]/[...name]/page');
    const { default: RegistryPage } = await import('@/app/registry/[host]/page');
    viewPagesAs('vic');
    const repoPage = await RepositoryPage({
      params: Promise.resolve({ host: w.r1.host, name: ['b', 'secret'] }),
      searchParams: Promise.resolve({}),
    });
    const tags = await answer(
      await callRoute(route('GET tags'), {
        query: `?registry=${w.r1.host}&repository=b/secret`,
        cookie: w.cookies.vic,
      }),
    );
    expect([tags[0], messageOf(repoPage)]).toEqual([403, tags[2]]);
    const registryPage = await RegistryPage({
      params: Promise.resolve({ host: w.r2.host }),
      searchParams: Promise.resolve({}),
    });
    const catalog = await answer(
      await callRoute(route('GET registries/[host]/repositories'), {
        params: { host: w.r2.host },
        cookie: w.cookies.vic,
      }),
    );
    expect([catalog[0], messageOf(registryPage)]).toEqual([403, catalog[2]]);
  });

  it('the registry page lists the same repositories as its API: none outside the grant', async () => {
    const { default: RegistryPage } = await import('@/app/registry/[host]/page');
    viewPagesAs('vic');
    const page = await RegistryPage({
      params: Promise.resolve({ host: w.r1.host }),
      searchParams: Promise.resolve({}),
    });
    const res = await callRoute(route('GET registries/[host]/repositories'), {
      params: { host: w.r1.host },
      cookie: w.cookies.vic,
    });
    const api = ((await res.json()) as { repositories: string[] }).repositories;
    expect(api).toEqual(['a/app', 'a/scratch']);
    expect(prefetchedRepositories(page)).toEqual(api);
  });
});

/** Returns the message of the AccessDenied a page rendered, or undefined when it rendered something else. */
function messageOf(node: unknown): string | undefined {
  if (!isValidElement(node)) return undefined;
  const props = (node as ReactElement<{ message?: unknown }>).props;
  return typeof props.message === 'string' ? props.message : undefined;
}

/** Returns the catalog page a server page handed to the browser (its HydrationBoundary's state). */
function prefetchedRepositories(node: unknown): string[] | undefined {
  if (!isValidElement(node)) return undefined;
  const props = node.props as {
    state?: {
      queries?: Array<{ state: { data?: { pages?: Array<{ repositories?: string[] }> } } }>;
    };
    children?: unknown;
  };
  const pages = props.state?.queries?.[0]?.state.data?.pages;
  if (pages) return pages.flatMap((p) => p.repositories ?? []);
  const children = Array.isArray(props.children) ? props.children : [props.children];
  for (const child of children) {
    const found = prefetchedRepositories(child);
    if (found) return found;
  }
  return undefined;
}
