import { createHash } from 'node:crypto';

import { AppError } from '@/lib/errors';

/** Returns the sha256 digest (`sha256:<hex>`) of the exact bytes given. */
export function sha256Digest(bytes: Uint8Array | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** Returns the digest of the bytes with the given algorithm; throws UNSUPPORTED for other algorithms. */
export function digestOf(bytes: Uint8Array, algorithm = 'sha256'): string {
  if (algorithm !== 'sha256' && algorithm !== 'sha512') {
    throw new AppError('UNSUPPORTED', `Digest algorithm ${algorithm} is not supported`);
  }
  return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
}

/**
 * Returns nothing when `bytes` hash to `expected`; throws DIGEST_MISMATCH otherwise.
 * The hash is taken with the algorithm named in `expected`.
 */
export function verifyDigest(bytes: Uint8Array, expected: string, what = 'content'): void {
  const algorithm = expected.split(':')[0] ?? 'sha256';
  const actual = digestOf(bytes, algorithm);
  if (actual !== expected) {
    throw new AppError(
      'DIGEST_MISMATCH',
      `The ${what} received hashes to ${actual}, not the expected ${expected}`,
      { retryable: false },
    );
  }
}
