import { json, probeRoute } from '@/lib/http';

export const dynamic = 'force-dynamic';

/** GET /api/health: 200 `{ status: 'ok' }` while the process answers (a liveness probe). */
export const GET = probeRoute(() => json({ status: 'ok' }));
