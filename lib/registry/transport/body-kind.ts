import type { RequestBody } from './types';

/** Returns true when the body can be sent again (for retries, redirects and auth challenges). */
export function isReplayableBody(body: RequestBody | undefined): boolean {
  return body === undefined || body instanceof Uint8Array || typeof body === 'function';
}
