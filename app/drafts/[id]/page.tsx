import { HydrationBoundary, dehydrate } from '@tanstack/react-query';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';

import { draftKeys } from '@/components/drafts/api';
import { DraftEditor } from '@/components/drafts/draft-editor';
import { getQueryClient } from '@/lib/query/client';
import { AccessDenied } from '@/components/auth/access-denied';
import { draftName, draftPageData } from '@/lib/server/drafts';
import { pageReader } from '@/lib/server/page-reader';

export const dynamic = 'force-dynamic';

export async function generateMetadata({
  params,
}: {
  params: Promise<{ id: string }>;
}): Promise<Metadata> {
  const viewer = await pageReader();
  const name = viewer ? draftName((await params).id, viewer.principal, viewer.reader) : undefined;
  return { title: name !== undefined ? `Draft ${name}` : 'Draft' };
}

export default async function DraftPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await pageReader();
  // The same answer as GET /api/drafts/[id]: not found unless theirs, denied when it shows a
  // repository they may not pull.
  const data = viewer ? draftPageData(id, viewer.principal, viewer.reader) : undefined;
  if (!data) notFound();
  if ('denied' in data) return <AccessDenied message={data.denied} />;
  const queryClient = getQueryClient();
  queryClient.setQueryData(draftKeys.detail(id), data.draft);
  queryClient.setQueryData(draftKeys.jobs(id), { jobs: data.jobs });
  return (
    <div className="flex flex-col gap-4">
      <nav aria-label="Breadcrumb" className="text-sm text-zinc-600 dark:text-zinc-400">
        <Link href="/drafts" className="hover:underline">
          Drafts
        </Link>{' '}
        / <span>{data.draft.name}</span>
      </nav>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <DraftEditor
          id={id}
          {...(data.defaultRegistry ? { defaultRegistry: data.defaultRegistry } : {})}
        />
      </HydrationBoundary>
    </div>
  );
}
