import { AppError, toPublicError } from '@/lib/errors';
import { json, probeRoute } from '@/lib/http';
import { readiness } from '@/lib/lifecycle';

export const dynamic = 'force-dynamic';

/**
 * GET /api/ready: 200 `{ status: 'ok', checks }` when this process should get traffic (store
 * reachable, migrations applied, not shutting down); else 503 NOT_READY naming the failing checks.
 */
export const GET = probeRoute(() => {
  const r = readiness();
  if (r.ready) return json({ status: 'ok', checks: r.checks });
  const err = new AppError('NOT_READY', `Not ready: ${r.failing.join(', ')}`, { retryable: true });
  return json(
    {
      status: 'unavailable',
      checks: r.checks,
      failing: r.failing,
      error: toPublicError(err),
    },
    { status: 503 },
  );
});
