/**
 * One error type for everything the registry client can fail with. Callers switch on `code`
 * (stable strings), never on `instanceof` across packages.
 */
export const REGISTRY_ERROR_CODES = [
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
  // Manifold's own
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
  'UNKNOWN',
] as const;

export type RegistryErrorCode = (typeof REGISTRY_ERROR_CODES)[number];

/** One entry of the registry's `{"errors":[...]}` body. */
export interface RegistryErrorDetail {
  code: string;
  message?: string;
  detail?: unknown;
}

export interface RegistryErrorOptions {
  status?: number;
  errors?: RegistryErrorDetail[];
  retryable?: boolean;
  cause?: unknown;
  /** Request method, e.g. GET. */
  method?: string;
  /** Request URL with any credentials or tokens removed. */
  url?: string;
}

export class RegistryError extends Error {
  readonly code: RegistryErrorCode;
  readonly status: number | undefined;
  readonly errors: RegistryErrorDetail[];
  readonly retryable: boolean;
  readonly method: string | undefined;
  readonly url: string | undefined;

  constructor(code: RegistryErrorCode, message: string, options: RegistryErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RegistryError';
    this.code = code;
    this.status = options.status;
    this.errors = options.errors ?? [];
    this.retryable = options.retryable ?? false;
    this.method = options.method;
    this.url = options.url === undefined ? undefined : redactUrl(options.url);
  }

  /** Returns a plain object safe to log or send: no stack, no credentials. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      status: this.status,
      errors: this.errors,
      retryable: this.retryable,
      method: this.method,
      url: this.url,
    };
  }
}

/** Returns true when `err` is a RegistryError (structurally, so it survives bundling). */
export function isRegistryError(err: unknown): err is RegistryError {
  return (
    typeof err === 'object' &&
    err !== null &&
    (err as { name?: unknown }).name === 'RegistryError' &&
    typeof (err as { code?: unknown }).code === 'string'
  );
}

const SECRET_PARAMS =
  /^(access_token|token|password|passwd|secret|x-amz-signature|signature|sig)$/i;

/** Returns the URL with userinfo and secret-looking query parameters removed. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    for (const key of [...u.searchParams.keys()]) {
      if (SECRET_PARAMS.test(key)) u.searchParams.set(key, 'REDACTED');
    }
    return u.toString();
  } catch {
    return url.replace(/\/\/[^/@]*@/, '//');
  }
}

/** Maps an OCI error code string from a registry body to our code, UNKNOWN when unrecognised. */
export function toRegistryErrorCode(code: string | undefined): RegistryErrorCode {
  const upper = (code ?? '').toUpperCase();
  return (REGISTRY_ERROR_CODES as readonly string[]).includes(upper)
    ? (upper as RegistryErrorCode)
    : 'UNKNOWN';
}
