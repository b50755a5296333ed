import { HydrationBoundary, dehydrate } from '@tanstack/react-query';
import type { Metadata } from 'next';

import { draftKeys } from '@/components/drafts/api';
import { CreateDraftForm } from '@/components/drafts/create-draft-form';
import { DraftsTable } from '@/components/drafts/drafts-table';
import { Card } from '@/components/ui/card';
import { getQueryClient } from '@/lib/query/client';
import { draftsPageData } from '@/lib/server/drafts';
import { pageReader } from '@/lib/server/page-reader';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Drafts' };

/** The drafts the viewer may see: their own, those shared with their group, all for an admin. */
export default async function DraftsPage() {
  const viewer = await pageReader();
  const queryClient = getQueryClient();
  queryClient.setQueryData(
    draftKeys.list(),
    viewer ? draftsPageData(viewer.reader) : { drafts: [] },
  );
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Drafts</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Assemble per-architecture images into one manifest list, check it, preview the exact JSON,
          and push it with everything it references.
        </p>
      </div>
      <Card title="New draft">
        <CreateDraftForm />
      </Card>
      <Card title="Your drafts">
        <HydrationBoundary state={dehydrate(queryClient)}>
          <DraftsTable />
        </HydrationBoundary>
      </Card>
    </div>
  );
}
