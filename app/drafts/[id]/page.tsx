import { HydrationBoundary, dehydrate } from '@tanstack/react-query';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';

import { draftKeys } from '@/components/drafts/api';
import { DraftEditor } from '@/components/drafts/draft-editor';
import { getQueryClient } from '@/lib/query/client';
import { draftName, draftPageData } from '@/lib/server/drafts';

export const dynamic = 'force-dynamic';

export async function generateMetadata({
  params,
}: {
  params: Promise<{ id: string }>;
}): Promise<Metadata> {
  const name = draftName((await params).id);
  return { title: name !== undefined ? `Draft ${name}` : 'Draft' };
}

export default async function DraftPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const data = draftPageData(id);
  if (!data) notFound();
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
