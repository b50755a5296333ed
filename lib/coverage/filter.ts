import { z } from 'zod';

/** An empty search parameter (`?missing=`) means "no filter", not a bad value. */
const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);

const platform = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .max(100)
    .regex(
      /^[a-z0-9._-]+\/[a-z0-9._-]+(\/[a-z0-9._-]+)?$/i,
      'Expected a platform such as linux/arm64',
    )
    .optional(),
);

/** The report's filters as search parameters (`?missing=linux/arm64&only=&has=&q=`). */
export const coverageFilterSchema = z.object({
  missing: platform,
  has: platform,
  only: platform,
  q: z.preprocess(blankToUndefined, z.string().trim().max(255).optional()),
});
