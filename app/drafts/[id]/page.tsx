import { HydrationBoundary, dehydrate } from '@tanstack/react-query';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';

import { draftKeys } from '@/components/drafts/api';
import { DraftEditor } from '@/components/drafts/draft-editor';
import { getConfig } from '@/lib/config';
import { draftSubject, getDraftView } from '@/lib/drafts';
import { listJobs } from '@/lib/jobs';
import { getQueryClient } from '@/lib/query/client';

export const dynamic = 'force-dynamic';

export async function generateMetadata({
  params,
}: {
  params: Promise<{ id: string }>;
}): Promise<Metadata> {
  const { id } = await params;
  const draft = getDraftView(id);
  return { title: draft.ok ? `Draft ${draft.value.name}` : 'Draft' };
}

export default async function DraftPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const draft = getDraftView(id);
  if (!draft.ok) notFound();
  const queryClient = getQueryClient();
  queryClient.setQueryData(draftKeys.detail(id), draft.value);
  queryClient.setQueryData(draftKeys.jobs(id), {
    jobs: listJobs({ subject: draftSubject(id), limit: 5 }),
  });
  return (
    <div className="flex flex-col gap-4">
      <nav aria-label="Breadcrumb" className="text-sm text-zinc-600 dark:text-zinc-400">
        <Link href="/drafts" className="hover:underline">
          Drafts
        </Link>{' '}
        / <span>{draft.value.name}</span>
      </nav>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <DraftEditor
          id={id}
          {...(getConfig().registries[0]
            ? { defaultRegistry: getConfig().registries[0]!.host }
            : {})}
        />
      </HydrationBoundary>
    </div>
  );
}
