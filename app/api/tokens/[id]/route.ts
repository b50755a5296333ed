import { revokeOwnToken } from '@/lib/auth/tokens';
import { tokenIdParams } from '@/lib/auth/token-schemas';
import { OWN, json, route } from '@/lib/http';

export const dynamic = 'force-dynamic';

/** DELETE /api/tokens/:id: revokes one of the signed-in user's own tokens; it answers 401 from then on. */
export const DELETE = route(
  { params: tokenIdParams, resources: OWN, role: 'viewer' },
  ({ params, principal }) => {
    revokeOwnToken(principal, params.id);
    return json({ revoked: params.id });
  },
);
