import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { AccessDenied } from '@/components/auth/access-denied';
import { TagBrowser } from '@/components/browse/tag-browser';
import { parseTagSort } from '@/components/browse/tag-order';
import { RememberRepository } from '@/components/home/recent-repositories';
import { pageAccess } from '@/lib/auth/page-principal';
import { repositoryResource } from '@/lib/auth/resources';
import { isAppError } from '@/lib/errors';
import { joinSegments, safeDecode } from '@/lib/paths';
import { getQueryClient } from '@/lib/query/client';
import { parsePageSize, TAG_PAGE_SIZE } from '@/lib/query/keys';
import { prefetchTags } from '@/lib/server/browse';
import { registryHostSchema, repositorySchema } from '@/lib/server/browse-input';

import { RepositoryHeader } from './_components/repository-header';
import { InvalidName, TagsError } from './_components/tags-error';
import { firstParam, type SearchParams } from '@/lib/search-params';

export const dynamic = 'force-dynamic';

type Params = { host: string; name: string[] };
type Search = SearchParams;

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { host, name } = await params;
  return { title: `${joinSegments(name)} · ${safeDecode(host)}` };
}

export default async function RepositoryPage({
  params,
  searchParams,
}: {
  params: Promise<Params>;
  searchParams: Promise<Search>;
}) {
  const { host: rawHost, name } = await params;
  const host = safeDecode(rawHost);
  const repository = joinSegments(name);
  if (!registryHostSchema.safeParse(host).success) notFound();
  const sp = await searchParams;
  const pageSize = parsePageSize(firstParam(sp.n), TAG_PAGE_SIZE);
  const header = <RepositoryHeader host={host} repository={repository} />;

  const valid = repositorySchema.safeParse(repository);
  if (!valid.success) {
    return (
      <div className="flex flex-col gap-5">
        {header}
        <InvalidName
          repository={repository}
          message={valid.error.issues[0]?.message ?? 'Invalid repository name'}
        />
      </div>
    );
  }
  // As GET /api/tags: the name is validated first, then the grant, then the registry is asked.
  const denied = await pageAccess([repositoryResource({ registry: host, repository }, 'pull')]);
  if (denied) return <AccessDenied message={denied} />;

  // The first page of tags is read here and handed to the client list.
  const queryClient = getQueryClient();
  try {
    await prefetchTags(queryClient, host, repository, pageSize);
  } catch (err) {
    if (!isAppError(err)) throw err;
    return (
      <div className="flex flex-col gap-5">
        {header}
        <TagsError host={host} repository={repository} error={err} />
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-5">
      {header}
      <HydrationBoundary state={dehydrate(queryClient)}>
        <TagBrowser
          host={host}
          repository={repository}
          pageSize={pageSize}
          initial={{
            filter: firstParam(sp.q) ?? '',
            sort: parseTagSort(firstParam(sp.sort)),
            view: firstParam(sp.view) === 'coverage' ? 'coverage' : 'tags',
          }}
        />
        <RememberRepository host={host} repository={repository} />
      </HydrationBoundary>
    </div>
  );
}
