import { activityQuerySchema } from '@/lib/drafts/schemas';
import { FILTERED, json, route } from '@/lib/http';
import { listActivity } from '@/lib/store';

export const dynamic = 'force-dynamic';

/** GET /api/activity?registry=&repository=&tag=&action=&before=&limit=: the activity log, newest first. */
export const GET = route(
  { query: activityQuerySchema, resources: FILTERED, role: 'viewer' },
  ({ query }) => {
    const entries = listActivity(query);
    const limit = query.limit ?? 50;
    const last = entries.at(-1);
    return json({ entries, ...(entries.length === limit && last ? { next: last.id } : {}) });
  },
);
