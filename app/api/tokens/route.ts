import { createToken, tokensOf } from '@/lib/auth/tokens';
import { createTokenSchema } from '@/lib/auth/token-schemas';
import { OWN, json, route } from '@/lib/http';
import { getConfig } from '@/lib/config';

export const dynamic = 'force-dynamic';

/** GET /api/tokens: the signed-in user's own API tokens (never their secrets). */
export const GET = route({ resources: OWN, role: 'viewer' }, ({ principal }) =>
  json({ tokens: tokensOf(principal) }),
);

/**
 * POST /api/tokens `{ name, role, expiresInDays }`: a new token of the signed-in user (201). Its
 * secret is in this answer only; it never does more than `role`, nor more than its owner.
 */
export const POST = route(
  { body: createTokenSchema, resources: OWN, role: 'viewer' },
  ({ body, principal }) => json(createToken(principal, body, getConfig()), { status: 201 }),
);
