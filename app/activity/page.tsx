import type { Metadata } from 'next';
import Link from 'next/link';

import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ACTIVITY_ACTIONS, activityPage } from '@/lib/server/activity';
import { activityKeeper } from '@/lib/jobs';
import { pageReader } from '@/lib/server/page-reader';
import { listActivity } from '@/lib/store';

import { ActivityFilters } from './_components/activity-filters';
import { ActivityTable } from './_components/activity-table';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Activity' };

type Search = Promise<Record<string, string | string[] | undefined>>;

/**
 * The activity log: every push, retag, copy, delete and restore Manifold did, newest first; as
 * GET /api/activity answers it, only rows of repositories the viewer may pull.
 */
export default async function ActivityPage({ searchParams }: { searchParams: Search }) {
  const viewer = await pageReader();
  const keep = viewer ? activityKeeper(viewer.reader) : () => undefined;
  const { filter, action, rows, olderQuery } = activityPage(await searchParams, (query) =>
    listActivity(query, keep),
  );
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Activity</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Every tag Manifold wrote or removed, with the digest before and after. A tag’s history is
          its rows here.
        </p>
      </div>
      <ActivityFilters filter={filter} action={action} actions={ACTIVITY_ACTIONS} />
      <Card>
        <ActivityTable
          rows={rows}
          filtered={Object.values(filter).some(Boolean) || action !== undefined || false}
        />
      </Card>
      {olderQuery ? (
        <Link href={`/activity${olderQuery}`} className={buttonClass('secondary')}>
          Older entries
        </Link>
      ) : null}
    </div>
  );
}
