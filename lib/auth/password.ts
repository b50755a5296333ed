import bcrypt from 'bcryptjs';

import type { AppConfig } from '@/lib/config';
import { AppError } from '@/lib/errors';

import { countAttempt } from './rate-limit';
import type { SignedInUser } from './sessions';

// Compared against when the user name is unknown, so both answers take as long.
const DUMMY_HASH = '$2b$10$CwTycUXWue0Thq9StjUM0uJ8.D9Tp0zYbDlmPqTtzvXQvBn1hzQCe';

/** Sign-in attempts allowed per user name and per client address in one window. */
export const SIGN_IN_LIMIT = { attempts: 10, windowMs: 60_000 };

/**
 * Returns the user whose name and password match a `users` entry of the config. Throws
 * RATE_LIMITED after too many attempts (per name and per address), UNAUTHENTICATED otherwise.
 */
export async function signInWithPassword(
  cfg: AppConfig,
  input: { name: string; password: string },
  peer: string | undefined,
): Promise<SignedInUser> {
  const users = typeof cfg.auth === 'object' ? cfg.auth.users : [];
  if (users.length === 0)
    throw new AppError('UNAUTHENTICATED', 'Password sign-in is not configured on this Manifold.');
  countAttempt(
    [`name:${input.name.toLowerCase()}`, ...(peer ? [`peer:${peer}`] : [])],
    SIGN_IN_LIMIT.attempts,
    SIGN_IN_LIMIT.windowMs,
  );
  const user = users.find((u) => u.name === input.name);
  const ok = await bcrypt.compare(input.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) throw new AppError('UNAUTHENTICATED', 'Wrong user name or password.');
  return { name: user.name, groups: user.groups, via: 'password' };
}

/** Returns a bcrypt hash of `password` for the config's `users[].passwordHash`. */
export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, 12);
}
