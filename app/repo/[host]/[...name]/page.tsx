import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';

import { AccessDenied } from '@/components/auth/access-denied';
import { BrowseError } from '@/components/browse/browse-error';
import { RefreshButton } from '@/components/browse/refresh-button';
import { TagBrowser, type TagView } from '@/components/browse/tag-browser';
import { RememberRepository } from '@/components/home/recent-repositories';
import { parseTagSort, type TagSort } from '@/components/browse/tag-order';
import { Breadcrumbs } from '@/components/manifest/breadcrumbs';
import { CopyButton } from '@/components/ui/copy-button';
import { pageDenial } from '@/lib/auth/page-principal';
import { toPublicError, isAppError } from '@/lib/errors';
import { joinSegments, registryPath, safeDecode } from '@/lib/paths';
import { getQueryClient } from '@/lib/query/client';
import { parsePageSize, TAG_PAGE_SIZE, tagsOptions } from '@/lib/query/keys';
import { registryHostSchema, repositorySchema } from '@/lib/server/browse-input';
import { getRegistryClient } from '@/lib/server/registry';

export const dynamic = 'force-dynamic';

type Params = { host: string; name: string[] };
type Search = Record<string, string | string[] | undefined>;

function one(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

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
  const denied = await pageDenial('viewer', { registry: host, repository });
  if (denied) return <AccessDenied message={denied} />;
  const sp = await searchParams;
  const pageSize = parsePageSize(one(sp.n), TAG_PAGE_SIZE);
  const initial: { filter: string; sort: TagSort; view: TagView } = {
    filter: one(sp.q) ?? '',
    sort: parseTagSort(one(sp.sort)),
    view: one(sp.view) === 'coverage' ? 'coverage' : 'tags',
  };

  const header = (
    <>
      <Breadcrumbs registry={host} repository={repository} />
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h1 className="font-mono text-xl font-semibold break-all">{repository}</h1>
        <CopyButton text={`${host}/${repository}`} label="Copy name" />
      </div>
    </>
  );

  const valid = repositorySchema.safeParse(repository);
  if (!valid.success) {
    return (
      <div className="flex flex-col gap-5">
        {header}
        <BrowseError
          title={`“${repository}” is not a repository name`}
          error={{
            code: 'INVALID_REFERENCE',
            message: valid.error.issues[0]?.message ?? 'Invalid repository name',
            retryable: false,
          }}
        />
      </div>
    );
  }

  // The first page of tags is read here and handed to the client list; later pages and each
  // tag's summary come from /api/tags and /api/summary as the user scrolls.
  const queryClient = getQueryClient();
  try {
    await queryClient.fetchInfiniteQuery({
      ...tagsOptions(host, repository, pageSize),
      retry: false,
      queryFn: async ({ pageParam }) => {
        const page = await getRegistryClient().listTags(
          { registry: host, repository },
          { n: pageSize, ...(pageParam ? { cursor: pageParam } : {}) },
        );
        return { tags: page.tags, ...(page.next ? { next: page.next } : {}) };
      },
    });
  } catch (err) {
    if (!isAppError(err)) throw err;
    return (
      <div className="flex flex-col gap-5">
        {header}
        <BrowseError
          title={
            err.code === 'NAME_UNKNOWN'
              ? `${host} has no repository ${repository}`
              : `Cannot list the tags of ${repository}`
          }
          error={toPublicError(err)}
          action={
            err.code === 'NAME_UNKNOWN' ? (
              <Link href={registryPath(host)} className="font-medium underline">
                See the repositories of {host}
              </Link>
            ) : (
              <RefreshButton />
            )
          }
        />
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-5">
      {header}
      <HydrationBoundary state={dehydrate(queryClient)}>
        <TagBrowser host={host} repository={repository} pageSize={pageSize} initial={initial} />
        <RememberRepository host={host} repository={repository} />
      </HydrationBoundary>
    </div>
  );
}
