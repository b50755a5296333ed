import { AppError } from '@/lib/errors';

/** The largest request body any route reads: 1 MiB. */
export const MAX_BODY_BYTES = 1024 * 1024;

function tooLarge(limit: number): AppError<'PAYLOAD_TOO_LARGE'> {
  return new AppError(
    'PAYLOAD_TOO_LARGE',
    `The request body is larger than ${limit / 1024} KiB, the most Manifold reads`,
    { details: { limit } },
  );
}

/**
 * Returns the request body as text, reading at most `limit` bytes. Throws AppError
 * PAYLOAD_TOO_LARGE as soon as the declared length or the bytes read pass the limit.
 */
export async function readCappedText(req: Request, limit = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(req.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Stop reading: the rest of a hostile body is never buffered.
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Returns the parsed JSON body (an empty body counts as `{}`). Throws AppError PAYLOAD_TOO_LARGE
 * past the cap, VALIDATION when the body is not JSON.
 */
export async function readJsonBody(req: Request, limit = MAX_BODY_BYTES): Promise<unknown> {
  const text = await readCappedText(req, limit);
  if (!text.trim()) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('VALIDATION', 'The request body is not valid JSON');
  }
}
