import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { AccessDenied } from '@/components/auth/access-denied';
import { RepositoryBrowser } from '@/components/browse/repository-browser';
import { RepositoryJump } from '@/components/browse/repository-jump';
import { Card } from '@/components/ui/card';
import { pageAccess, pageCan } from '@/lib/auth/page-principal';
import { catalogResource } from '@/lib/auth/resources';
import { isAppError } from '@/lib/errors';
import { safeDecode } from '@/lib/paths';
import { getQueryClient } from '@/lib/query/client';
import { parsePageSize, REPOSITORY_PAGE_SIZE } from '@/lib/query/keys';
import { prefetchRepositories } from '@/lib/server/browse';
import { registryHostSchema } from '@/lib/server/browse-input';
import { findRegistryConfig } from '@/lib/server/registry';

import { CatalogError } from './_components/catalog-error';
import { RegistryHeader } from './_components/registry-header';
import { firstParam, type SearchParams } from '@/lib/search-params';

export const dynamic = 'force-dynamic';

type Params = { host: string };
type Search = SearchParams;

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
  // The resource GET /api/registries/[host]/repositories declares: the same answer as the API.
  const denied = await pageAccess([catalogResource(host)]);
  if (denied) return <AccessDenied message={denied} />;
  const sp = await searchParams;
  const pageSize = parsePageSize(firstParam(sp.n), REPOSITORY_PAGE_SIZE);
  const header = <RegistryHeader host={host} configured={findRegistryConfig(host)} />;

  // The first catalog page is read here, so the list renders with the page and a registry without
  // a catalog is known before anything is drawn.
  const queryClient = getQueryClient();
  try {
    await prefetchRepositories(queryClient, host, pageSize, await pageCan());
  } catch (err) {
    if (!isAppError(err)) throw err;
    return (
      <div className="flex flex-col gap-5">
        {header}
        <CatalogError host={host} error={err} />
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
        <RepositoryBrowser host={host} pageSize={pageSize} initialFilter={firstParam(sp.q) ?? ''} />
      </HydrationBoundary>
    </div>
  );
}
