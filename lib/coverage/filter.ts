import { z } from 'zod';

import type { CoverageFilter } from '@/lib/store';

const platform = z
  .string()
  .trim()
  .max(100)
  .regex(/^[a-z0-9._-]+\/[a-z0-9._-]+(\/[a-z0-9._-]+)?$/i, 'Expected a platform such as linux/arm64')
  .optional();

/** The report's filters as search parameters (`?missing=linux/arm64&only=&has=&q=`); empty ones are dropped. */
export const coverageFilterSchema = z.object({
  missing: platform,
  has: platform,
  only: platform,
  q: z.string().trim().max(255).optional(),
});

const FILTER_KEYS = ['missing', 'has', 'only', 'q'] as const;

/** Returns the filter fields present (and not empty) in search parameters, for zod. */
export function filterInput(search: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const v = search.get(key);
    if (v) out[key] = v;
  }
  return out;
}

/** Returns the filter as search parameters (empty fields left out). */
export function filterToSearch(filter: CoverageFilter): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const v = filter[key];
    if (v) out.set(key, v);
  }
  return out;
}
