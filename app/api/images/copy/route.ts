import { startCopy } from '@/lib/actions';
import { copySchema } from '@/lib/actions/schemas';
import { serverActionDeps } from '@/lib/actions/server';
import { requireRole } from '@/lib/auth/guard';
import { referenceTarget, respond, route } from '@/lib/http';

export const dynamic = 'force-dynamic';

/**
 * POST /api/images/copy `{ registry, repository, digest, destination, platforms?, expectedDigest, indexDigest?, force? }`:
 * starts a 'copy' job (202 `{ job, preview }`); poll GET /api/jobs/[id].
 */
export const POST = route(
  {
    body: copySchema,
    role: ({ body }) => (body.force ? 'admin' : 'editor'),
    // A copy writes the destination; reading the source needs no more than a view of it.
    target: ({ body }) => referenceTarget(body.destination),
  },
  async ({ body, principal, signal }) => {
    const { destination, platforms, expectedDigest, indexDigest, force, ...source } = body;
    // The source must be visible to whoever copies it.
    requireRole(principal, 'viewer', { registry: source.registry, repository: source.repository });
    const input = {
      source,
      destination,
      expectedDigest,
      ...(platforms ? { platforms } : {}),
      ...(indexDigest ? { indexDigest } : {}),
      ...(force !== undefined ? { force } : {}),
    };
    return respond(await startCopy(serverActionDeps(signal), input), 202);
  },
);
