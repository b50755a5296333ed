import { z } from 'zod';

import { ROLES } from '@/lib/config-access';

/** POST /api/tokens: a name the owner recognises, the most it may do, and when it expires. */
export const createTokenSchema = z.object({
  name: z.string().trim().min(1, 'Give the token a name').max(64, 'At most 64 characters'),
  role: z.enum(ROLES).default('viewer'),
  /** Days until it stops working; every token expires (at most `auth.tokenMaxLifetime`). */
  expiresInDays: z
    .number({ error: 'Tokens must expire: give a number of days' })
    .int('A whole number of days')
    .min(1, 'At least 1 day')
    .optional(),
});

export const tokenIdParams = z.object({ id: z.string().uuid('not a token id') });
