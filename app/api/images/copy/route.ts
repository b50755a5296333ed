import { copyResources, startCopy } from '@/lib/actions';
import { copySchema } from '@/lib/actions/schemas';
import { serverActionDeps } from '@/lib/actions/server';
import { respond, route } from '@/lib/http';

export const dynamic = 'force-dynamic';

/**
 * POST /api/images/copy `{ registry, repository, digest, destination, platforms?, expectedDigest, indexDigest?, force? }`:
 * starts a 'copy' job (202 `{ job, preview }`); poll GET /api/jobs/[id].
 */
export const POST = route(
  {
    body: copySchema,
    resources: ({ body: { registry, repository, digest, destination, force } }) =>
      copyResources({ source: { registry, repository, digest }, destination, force, write: true }),
  },
  async ({ body, signal }) => {
    const { destination, platforms, expectedDigest, indexDigest, force, ...source } = body;
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
