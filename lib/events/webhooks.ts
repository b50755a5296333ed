import { createHmac } from 'node:crypto';

import type { OutgoingWebhook } from '@/lib/config-events';

/** The header carrying `sha256=<hex HMAC-SHA256 of the body with the webhook's secret>`. */
export const SIGNATURE_HEADER = 'x-manifold-signature-256';

/** Returns the signature header value of a body: `sha256=<hex>`. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export interface DeliverOptions {
  /** Tries in all (default 5). */
  attempts?: number;
  /** First wait between tries, doubled each time (default 1 s). */
  baseMs?: number;
  fetchImpl?: typeof fetch;
}

/**
 * Returns true once the webhook answered 2xx to the signed JSON POST, false when every try failed:
 * a network error, a timeout (10 s), 429 or 5xx is tried again after a growing wait; any other
 * answer is final. Never throws.
 */
export async function deliverWebhook(
  hook: OutgoingWebhook,
  payload: unknown,
  opts: DeliverOptions = {},
): Promise<boolean> {
  const body = JSON.stringify(payload);
  const attempts = opts.attempts ?? 5;
  const doFetch = opts.fetchImpl ?? fetch;
  for (let i = 0; i < attempts; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, (opts.baseMs ?? 1000) * 2 ** (i - 1)));
    try {
      const res = await doFetch(hook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: signBody(hook.secret, body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(10_000),
      });
      await res.body?.cancel();
      if (res.ok) return true;
      if (res.status !== 429 && res.status < 500) return false;
    } catch {
      // Network failure or timeout: try again.
    }
  }
  console.error(`events: the webhook ${new URL(hook.url).origin} did not take a violation`);
  return false;
}
