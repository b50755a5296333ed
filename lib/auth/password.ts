import bcrypt from 'bcryptjs';

import type { AppConfig } from '@/lib/config';
import { AppError } from '@/lib/errors';

import { localId } from './identity';
import type { SignedInUser } from './sessions';
import { countSignInAttempt, signInKeys, signInSucceeded } from './sign-in-throttle';

// A real hash per bcrypt cost, compared when the name is unknown: the answer then costs what a
// known name's costs, so timing does not tell which names exist. Made once, from random bytes.
const dummyHashes = new Map<number, Promise<string>>();

function costOf(hash: string): number {
  return Number(/^\$2[aby]\$(\d{2})\$/.exec(hash)?.[1] ?? 12);
}

function dummyHash(cost: number): Promise<string> {
  let h = dummyHashes.get(cost);
  if (!h) {
    h = bcrypt.hash(crypto.randomUUID(), cost);
    dummyHashes.set(cost, h);
  }
  return h;
}

/**
 * Returns the user whose name and password match a `users` entry of the config. Throws
 * RATE_LIMITED when the attempt's buckets are full (see sign-in-throttle.ts; `address` is the
 * client's as clientAddress reports it), UNAUTHENTICATED otherwise.
 */
export async function signInWithPassword(
  cfg: AppConfig,
  input: { name: string; password: string },
  address: string | undefined,
): Promise<SignedInUser> {
  const users = typeof cfg.auth === 'object' ? cfg.auth.users : [];
  if (users.length === 0)
    throw new AppError('UNAUTHENTICATED', 'Password sign-in is not configured on this Manifold.');
  const keys = signInKeys(input.name, address);
  countSignInAttempt(keys);
  // Made before the lookup, by known and unknown names alike, so the first answer is not slower.
  const dummy = await dummyHash(Math.max(...users.map((u) => costOf(u.passwordHash))));
  const user = users.find((u) => u.name === input.name);
  const ok = await bcrypt.compare(input.password, user?.passwordHash ?? dummy);
  if (!user || !ok) throw new AppError('UNAUTHENTICATED', 'Wrong user name or password.');
  signInSucceeded(keys);
  return { id: localId(user.name), name: user.name, groups: user.groups, via: 'password' };
}

/** Returns a bcrypt hash of `password` for the config's `users[].passwordHash`. */
export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, 12);
}
