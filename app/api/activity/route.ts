import { readerOf } from '@/lib/auth/reader';
import { activityQuerySchema } from '@/lib/drafts/schemas';
import { FILTERED, json, route } from '@/lib/http';
import { activityKeeper } from '@/lib/jobs';
import { listActivity } from '@/lib/store';

export const dynamic = 'force-dynamic';

/**
 * GET /api/activity?registry=&repository=&tag=&action=&before=&limit=: the activity log, newest
 * first: only rows of repositories the caller may pull, job ids only of jobs they may see.
 */
export const GET = route(
  { query: activityQuerySchema, resources: FILTERED, role: 'viewer' },
  ({ query, principal }) => {
    const entries = listActivity(query, activityKeeper(readerOf(principal)));
    const limit = query.limit ?? 50;
    const last = entries.at(-1);
    return json({ entries, ...(entries.length === limit && last ? { next: last.id } : {}) });
  },
);
