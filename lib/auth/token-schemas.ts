import { z } from 'zod';

import { ROLES } from '@/lib/config-access';

/** POST /api/tokens: a name the owner recognises, the most it may do, and when it expires. */
export const createTokenSchema = z.object({
  name: z.string().trim().min(1, 'Give the token a name').max(64, 'At most 64 characters'),
  role: z.enum(ROLES).default('viewer'),
  /** Days until it stops working; null for never. */
  expiresInDays: z.number().int().min(1).max(3650).nullable().default(90),
});

export const tokenIdParams = z.object({ id: z.string().uuid('not a token id') });
