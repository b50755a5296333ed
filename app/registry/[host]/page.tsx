import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';

import { BrowseError } from '@/components/browse/browse-error';
import { AccessDenied } from '@/components/auth/access-denied';
import { NO_CATALOG_CODES, NoCatalog } from '@/components/browse/no-catalog';
import { RefreshButton } from '@/components/browse/refresh-button';
import { RepositoryBrowser } from '@/components/browse/repository-browser';
import { RepositoryJump } from '@/components/browse/repository-jump';
import { Breadcrumbs } from '@/components/manifest/breadcrumbs';
import { Card } from '@/components/ui/card';
import { pageDenial } from '@/lib/auth/page-principal';
import { toPublicError, isAppError } from '@/lib/errors';
import { safeDecode } from '@/lib/paths';
import { getQueryClient } from '@/lib/query/client';
import { parsePageSize, repositoriesOptions, REPOSITORY_PAGE_SIZE } from '@/lib/query/keys';
import { registryHostSchema } from '@/lib/server/browse-input';
import { findRegistryConfig, getRegistryClient } from '@/lib/server/registry';

export const dynamic = 'force-dynamic';

type Params = { host: string };
type Search = Record<string, string | string[] | undefined>;

function one(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  return { title: safeDecode((await params).host) };
}

export default async function RegistryPage({
  params,
  searchParams,
}: {
  params: Promise<Params>;
  searchParams: Promise<Search>;
}) {
  const host = safeDecode((await params).host);
  if (!registryHostSchema.safeParse(host).success) notFound();
  const denied = await pageDenial('viewer', { registry: host });
  if (denied) return <AccessDenied message={denied} />;
  const sp = await searchParams;
  const initialFilter = one(sp.q) ?? '';
  const pageSize = parsePageSize(one(sp.n), REPOSITORY_PAGE_SIZE);
  const configured = findRegistryConfig(host);

  const header = (
    <>
      <Breadcrumbs registry={host} />
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h1 className="font-mono text-xl font-semibold break-all">{configured?.name ?? host}</h1>
        {configured && configured.name !== host ? (
          <span className="font-mono text-sm text-zinc-500 dark:text-zinc-400">{host}</span>
        ) : null}
        {!configured ? (
          <span className="text-xs text-zinc-500 dark:text-zinc-400">
            not in Manifold’s configuration: anonymous access
          </span>
        ) : null}
        <Link
          href={`/coverage?registry=${encodeURIComponent(host)}`}
          className="text-sm text-sky-700 hover:underline dark:text-sky-400"
        >
          Platform coverage
        </Link>
      </div>
    </>
  );

  // The first catalog page is read here, so the list renders with the page and a registry without
  // a catalog is known before anything is drawn; later pages come from /api/registries/.../repositories.
  const queryClient = getQueryClient();
  try {
    await queryClient.fetchInfiniteQuery({
      ...repositoriesOptions(host, pageSize),
      retry: false,
      queryFn: async ({ pageParam }) => {
        const page = await getRegistryClient().listRepositories(host, {
          n: pageSize,
          ...(pageParam ? { cursor: pageParam } : {}),
        });
        return { repositories: page.repositories, ...(page.next ? { next: page.next } : {}) };
      },
    });
  } catch (err) {
    if (!isAppError(err)) throw err;
    const error = toPublicError(err);
    return (
      <div className="flex flex-col gap-5">
        {header}
        {NO_CATALOG_CODES.has(err.code) ? (
          <NoCatalog host={host} error={error} />
        ) : (
          <>
            <BrowseError
              title={`Cannot list the repositories of ${host}`}
              error={error}
              action={<RefreshButton />}
            />
            <Card>
              <RepositoryJump host={host} label="Or open a repository by name" />
            </Card>
          </>
        )}
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-5">
      {header}
      <Card>
        <RepositoryJump host={host} label="Open a repository by name" />
      </Card>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <RepositoryBrowser host={host} pageSize={pageSize} initialFilter={initialFilter} />
      </HydrationBoundary>
    </div>
  );
}
