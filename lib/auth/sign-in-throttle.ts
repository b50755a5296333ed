import { AppError } from '@/lib/errors';
import { bucketCount, hitBuckets, settleBuckets, type Bucket } from '@/lib/store';

/**
 * How many password attempts are allowed, counted in the store. The buckets are chosen so that
 * nobody can lock out someone else:
 * - per (name, address): the bucket that stops guessing one user's password from one place;
 * - per name over every address: when it fills (a user attacked from many places), each address
 *   gets fewer tries for that name, but a fresh address still gets some, so the user can sign in;
 * - per address over every name: stops one address spraying many names, without touching others
 *   behind the same proxy (the address is the one the trusted proxy reports);
 * - a global cap: bounds the bcrypt work all attempts together cost the server.
 * A success clears its (name, address) bucket and gives back what it counted elsewhere.
 */
export const SIGN_IN_POLICY = {
  windowMs: 15 * 60_000,
  perPair: 10,
  /** Per pair, once the name has had `perName` failures from anywhere in the window. */
  perPairUnderAttack: 3,
  perName: 30,
  perAddress: 50,
  global: { limit: 300, windowMs: 60_000 },
};

/** The buckets one attempt counts in. */
export interface SignInKeys {
  pair: string;
  name: string;
  /** Absent when no address is known: one shared bucket would let anyone lock out everyone. */
  address?: string;
  all: string;
}

/** Returns the buckets of an attempt for `name` from `address` (undefined: no address known). */
export function signInKeys(name: string, address: string | undefined): SignInKeys {
  const n = name.toLowerCase();
  return {
    pair: `pair:${n}|${address ?? 'unknown'}`,
    name: `name:${n}`,
    ...(address !== undefined ? { address: `addr:${address}` } : {}),
    all: 'all',
  };
}

/**
 * Counts an attempt; throws AppError RATE_LIMITED (retryable, the wait in the message) when one of
 * its buckets is full. The same answer whether or not the name exists.
 */
export function countSignInAttempt(keys: SignInKeys, now = Date.now()): void {
  const p = SIGN_IN_POLICY;
  const attacked = bucketCount(keys.name, p.windowMs, now) >= p.perName;
  const buckets: Bucket[] = [
    { key: keys.pair, limit: attacked ? p.perPairUnderAttack : p.perPair, windowMs: p.windowMs },
    // Never full by itself: it only tells when a name is under attack.
    { key: keys.name, limit: Number.MAX_SAFE_INTEGER, windowMs: p.windowMs },
    ...(keys.address ? [{ key: keys.address, limit: p.perAddress, windowMs: p.windowMs }] : []),
    { key: keys.all, limit: p.global.limit, windowMs: p.global.windowMs },
  ];
  const verdict = hitBuckets(buckets, now);
  if (verdict.ok) return;
  const minutes = Math.max(1, Math.ceil(verdict.retryAfterMs / 60_000));
  throw new AppError('RATE_LIMITED', `Too many sign-in attempts. Try again in ${minutes} min.`, {
    retryable: true,
    hint:
      verdict.key === keys.all
        ? 'Manifold is receiving too many sign-in attempts overall; wait a minute.'
        : 'Wait, or ask an administrator to check the password in the config file.',
  });
}

/** Records a successful sign-in: its (name, address) bucket starts afresh, the others get their attempt back. */
export function signInSucceeded(keys: SignInKeys): void {
  settleBuckets([keys.pair], [keys.name, ...(keys.address ? [keys.address] : [])]);
}
