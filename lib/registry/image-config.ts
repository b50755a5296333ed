import { z } from 'zod';

import { digestOf } from './hash';
import { AppError } from '@/lib/errors';
import { parseJsonObject } from './json-object';

/**
 * Largest image config we read. Configs are usually a few KiB; long `history` arrays reach hundreds
 * of KiB. 8 MiB leaves headroom while still refusing runaway bodies.
 */
export const MAX_CONFIG_BYTES = 8 * 1024 * 1024;

// Docker writes `null` for empty lists and maps, and older tools leave out most fields, so every
// field is optional, and a field of the wrong type is dropped rather than failing the whole config.
function lenient<T extends z.ZodType>(schema: T) {
  return schema.optional().catch(undefined);
}
const stringList = z.array(z.string());
const emptyObjectMap = z.record(z.string(), z.unknown());

const containerConfigSchema = z.looseObject({
  User: lenient(z.string()),
  Env: lenient(stringList),
  Entrypoint: lenient(stringList),
  Cmd: lenient(stringList),
  WorkingDir: lenient(z.string()),
  ExposedPorts: lenient(emptyObjectMap),
  Volumes: lenient(emptyObjectMap),
  Labels: lenient(z.record(z.string(), z.string())),
  StopSignal: lenient(z.string()),
});

const historySchema = z.looseObject({
  created: lenient(z.string()),
  created_by: lenient(z.string()),
  author: lenient(z.string()),
  comment: lenient(z.string()),
  empty_layer: lenient(z.boolean()),
});

/** zod schema of an image config (Docker or OCI); tolerant of missing, null and extra fields. */
export const imageConfigSchema = z.looseObject({
  created: lenient(z.string()),
  author: lenient(z.string()),
  architecture: lenient(z.string()),
  os: lenient(z.string()),
  variant: lenient(z.string()),
  'os.version': lenient(z.string()),
  'os.features': lenient(stringList),
  config: lenient(containerConfigSchema),
  rootfs: lenient(z.looseObject({ type: lenient(z.string()), diff_ids: lenient(stringList) })),
  history: lenient(z.array(historySchema)),
});

export type ImageConfig = z.infer<typeof imageConfigSchema>;

/**
 * Returns the typed image config. Throws TOO_LARGE (> MAX_CONFIG_BYTES), DIGEST_MISMATCH when the
 * bytes do not hash to `expectedDigest`, INVALID_RESPONSE when the body is not a JSON object.
 */
export function parseImageConfig(raw: Uint8Array, expectedDigest?: string): ImageConfig {
  if (raw.byteLength > MAX_CONFIG_BYTES) {
    throw new AppError(
      'TOO_LARGE',
      `The image config is ${raw.byteLength} bytes; configs larger than ${MAX_CONFIG_BYTES} bytes (8 MiB) are refused`,
    );
  }
  if (expectedDigest !== undefined) {
    const actual = digestOf(raw, expectedDigest.split(':')[0] || 'sha256');
    if (actual !== expectedDigest) {
      throw new AppError(
        'DIGEST_MISMATCH',
        `The image config received hashes to ${actual}, not the expected ${expectedDigest}`,
      );
    }
  }
  const body = parseJsonObject(raw, 'image config', 'INVALID_RESPONSE');
  // Cannot fail: every field is lenient and the body is an object.
  return imageConfigSchema.parse(body);
}
