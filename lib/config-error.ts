import type { z } from 'zod';

import { AppError } from '@/lib/errors';

/** The CONFIG errors of lib/config.ts: they name the bad key and value, never a secret. */

// Keys whose values are secrets: never printed in a CONFIG error.
const SECRET_KEY_RE =
  /^(password|passwd|pass|secret|token|auth|identitytoken|identity_token|access_token|accesstoken|credentials|passwordhash|clientsecret)$/i;

/** Returns a copy of `value` with the values of secret-looking keys replaced, for error messages. */
function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      SECRET_KEY_RE.test(k) ? '(hidden)' : redactSecrets(v),
    ]),
  );
}

// YAML errors quote the offending lines, which may hold a password: keep only the summary line.
export function firstLine(message: string): string {
  return message.split('\n')[0]?.trim() ?? '';
}

/** Returns a MANIFOLD_REGISTRIES item without any `user:password@` part. */
export function redactUserinfo(item: string): string {
  return item.replace(/^((?:https?:\/\/)?)[^/@]*@/, '$1(hidden)@');
}

/**
 * Returns a CONFIG AppError naming the key and its value (in `details`). Secret values (passwords,
 * tokens, the `user:password@` of a URL) are never part of the message or the details.
 */
export function configError(key: string, value: unknown, reason: string): AppError<'CONFIG'> {
  const lastSegment =
    key
      .split(/[.\]\[]/)
      .filter(Boolean)
      .pop() ?? '';
  const shown =
    SECRET_KEY_RE.test(lastSegment) && value !== undefined ? '(hidden)' : redactSecrets(value);
  return new AppError(
    'CONFIG',
    `Invalid configuration: ${key}=${JSON.stringify(shown)}: ${reason}`,
    {
      details: { key, value: shown },
    },
  );
}

/** Returns the CONFIG error of a zod issue in the config file, naming its key path. */
export function formatZodIssue(
  prefix: string,
  issue: z.core.$ZodIssue,
  input: unknown,
): AppError<'CONFIG'> {
  const segments = issue.path.map(String);
  // An unknown key: name it (a typo such as `pasword:` must not print its value).
  if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) {
    segments.push(issue.keys[0]);
    const key = [prefix, ...segments].filter(Boolean).join('.');
    return configError(
      key,
      undefined,
      `unknown key${issue.keys.length > 1 ? ` (also unknown: ${issue.keys.slice(1).join(', ')})` : ''}`,
    );
  }
  let value: unknown = input;
  for (const s of segments) value = (value as Record<string, unknown> | undefined)?.[s];
  const key = [prefix, ...segments].filter(Boolean).join('.');
  return configError(key, value, issue.message);
}
