import { z } from 'zod';

import { AppError } from '@/lib/errors';
import { safeDecode } from '@/lib/paths';

/** Returns the first validation problem as `field: message`, for a 400 answer's message. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'Invalid request';
  return issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}

/** Absent fields read "Required" rather than zod's "expected string, received undefined". */
function requiredMessage(issue: { input?: unknown }): string | undefined {
  return issue.input === undefined ? 'Required' : undefined;
}

/**
 * Returns `raw` parsed by `schema`. Throws AppError VALIDATION (400) with `fieldErrors` per field
 * and the first problem as its message.
 */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw, { error: requiredMessage });
  if (parsed.success) return parsed.data;
  const fieldErrors = z.flattenError(parsed.error).fieldErrors as Record<string, string[]>;
  return fail(parsed.error, fieldErrors);
}

function fail(error: z.ZodError, fieldErrors: Record<string, string[]>): never {
  throw new AppError('VALIDATION', firstIssue(error), { fieldErrors });
}

/** Returns the search parameters as an object (the first value of a repeated key wins). */
export function searchParamsObject(url: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new URL(url).searchParams) if (!(key in out)) out[key] = value;
  return out;
}

/** Returns route segments decoded once (`sha256%3A…` -> `sha256:…`), whatever Next hands over. */
export function decodeParams(params: unknown): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (typeof params !== 'object' || params === null) return out;
  for (const [key, value] of Object.entries(params as Record<string, unknown>)) {
    if (typeof value === 'string') out[key] = safeDecode(value);
    else if (Array.isArray(value)) out[key] = value.map((v) => safeDecode(String(v)));
  }
  return out;
}
