import 'server-only';

import { z } from 'zod';

import { isValidRepository } from '@/lib/registry';

const HOST_RE =
  /^(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(?::[0-9]{1,5})?$/;

/** A registry host as it appears in references: `localhost:5000`, `quay.io`, `[::1]:5000`. */
export const registryHostSchema = z
  .string()
  .max(255)
  .regex(HOST_RE, 'Expected a registry host such as localhost:5000 or quay.io');

/** A repository path: lowercase components separated by '/', at most 255 characters. */
export const repositorySchema = z
  .string()
  .refine(
    isValidRepository,
    'Expected a repository name: lowercase path components such as library/alpine',
  );

/** Page size and opaque cursor of a listing request (`?n=&cursor=`). */
export const pageInputSchema = z.object({
  n: z.coerce.number().int().min(1).max(1000).optional(),
  cursor: z.string().min(1).max(4096).optional(),
});
