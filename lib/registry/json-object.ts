import { AppError } from '@/lib/errors';

// One decoder for every body: building a fatal TextDecoder per call cost more than the decoding.
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Returns the body decoded as a JSON object. Throws `code` when it is not UTF-8, not JSON, or not an
 * object, naming `what` in the message.
 */
export function parseJsonObject(
  raw: Uint8Array,
  what: string,
  code: 'MANIFEST_INVALID' | 'INVALID_RESPONSE',
): Record<string, unknown> {
  let text: string;
  try {
    text = UTF8.decode(raw);
  } catch (cause) {
    throw new AppError(code, `The ${what} is not valid UTF-8 text`, { cause });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    const detail = cause instanceof Error ? `: ${cause.message}` : '';
    throw new AppError(code, `The ${what} is not valid JSON${detail}`, { cause });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AppError(code, `The ${what} is not a JSON object (at $)`);
  }
  return value as Record<string, unknown>;
}
