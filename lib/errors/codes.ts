/**
 * Every failure code Manifold speaks, registry and app alike. Callers switch on these strings,
 * never on `instanceof` across packages.
 */
export const REGISTRY_CODES = [
  // OCI distribution-spec codes
  'BLOB_UNKNOWN',
  'BLOB_UPLOAD_INVALID',
  'BLOB_UPLOAD_UNKNOWN',
  'DIGEST_INVALID',
  'MANIFEST_BLOB_UNKNOWN',
  'MANIFEST_INVALID',
  'MANIFEST_UNKNOWN',
  'NAME_INVALID',
  'NAME_UNKNOWN',
  'SIZE_INVALID',
  'UNAUTHORIZED',
  'DENIED',
  'UNSUPPORTED',
  'TOOMANYREQUESTS',
  'PAGINATION_NUMBER_INVALID',
  // the registry client's own
  'NETWORK',
  'TIMEOUT',
  'ABORTED',
  'DIGEST_MISMATCH',
  'SIZE_MISMATCH',
  'TOO_LARGE',
  'INVALID_REFERENCE',
  'INVALID_PLATFORM',
  'UNSUPPORTED_MEDIA_TYPE',
  'SCHEMA1_UNSUPPORTED',
  'INVALID_RESPONSE',
  'INVALID_ARGUMENT',
  'DELETE_DISABLED',
  'CONFLICT',
  'NOT_FOUND',
  'SERVER_ERROR',
  'REGISTRY_NOT_ALLOWED',
  'UNKNOWN',
] as const;

/** Codes of Manifold the application: input, drafts, jobs, configuration, access, the store. */
export const APP_CODES = [
  'VALIDATION',
  'DRAFT_NOT_FOUND',
  'JOB_NOT_FOUND',
  'STALE_PREVIEW',
  'INVALID_DRAFT',
  'REVISION_CONFLICT',
  'CONFIG',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'READ_ONLY',
  'CROSS_ORIGIN',
  'HOST_NOT_ALLOWED',
  'UNSUPPORTED_CONTENT_TYPE',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  // the store (SQLite) cannot do what was asked: each names its cause so an operator can act
  'STORE_READ_ONLY',
  'STORE_FULL',
  'STORE_BUSY',
  'STORE_CORRUPT',
  'STORE_IN_USE',
  'NOT_READY',
  'INTERNAL',
] as const;

export const ERROR_CODES = [...REGISTRY_CODES, ...APP_CODES] as const;

export type RegistryCode = (typeof REGISTRY_CODES)[number];
export type AppCode = (typeof APP_CODES)[number];
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Returns true when `code` is one of Manifold's codes. */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);
}

/** Maps an OCI error code string from a registry body to our code, UNKNOWN when unrecognised. */
export function toRegistryCode(code: string | undefined): RegistryCode {
  const upper = (code ?? '').toUpperCase();
  return (REGISTRY_CODES as readonly string[]).includes(upper)
    ? (upper as RegistryCode)
    : 'UNKNOWN';
}
