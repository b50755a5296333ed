import { z } from 'zod';

import { revokeEverythingOf, USER_ID_RE } from '@/lib/auth/revoke-user';
import { OWN, json, route } from '@/lib/http';

export const dynamic = 'force-dynamic';

const params = z.object({
  id: z
    .string()
    .regex(USER_ID_RE, 'a user id such as local:alice, proxy:bob or oidc:<issuer>#<sub>'),
});

/**
 * DELETE /api/users/:id/sessions (id URL-encoded, e.g. `local%3Aalice`): ends every session and
 * revokes every API token of that user at once. Admins everywhere only.
 */
export const DELETE = route({ params, resources: OWN, role: 'admin' }, ({ params, principal }) =>
  json({ user: params.id, ...revokeEverythingOf(principal, params.id) }),
);
