import { createHash, randomBytes } from 'node:crypto';

/** Returns a fresh 256-bit random value, base64url (cookies, tokens, ids). */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Returns the hex sha256 of a secret: what the store keeps instead of the secret itself. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
