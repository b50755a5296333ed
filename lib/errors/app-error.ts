import type { ErrorCode } from './codes';
import type { DetailsOf, TagConflict } from './details';
import { redactUrl } from './redact';

/** One entry of a registry's `{"errors":[...]}` body. */
export interface RegistryErrorDetail {
  code: string;
  message?: string;
  detail?: unknown;
}

export interface AppErrorOptions<C extends ErrorCode = ErrorCode> {
  /** The HTTP status the registry answered, when a registry answer caused this. */
  status?: number;
  /** The registry's `errors[]`. */
  errors?: RegistryErrorDetail[];
  retryable?: boolean;
  cause?: unknown;
  /** Request method, e.g. GET. */
  method?: string;
  /** Request URL; credentials and secret query parameters are removed before it is kept. */
  url?: string;
  /** A sentence telling the user what to do, overriding the code's default hint. */
  hint?: string;
  /** Structured facts, typed per code. */
  details?: DetailsOf<C>;
  /** Input field -> problems, for forms. */
  fieldErrors?: Record<string, string[]>;
}

/**
 * The one error type of Manifold: the registry client, the server, jobs and the browser all throw
 * and read it. `code` is stable; `message` is a sentence a user can read (never a credential).
 */
export class AppError<C extends ErrorCode = ErrorCode> extends Error {
  readonly code: C;
  readonly status: number | undefined;
  readonly errors: RegistryErrorDetail[];
  readonly retryable: boolean;
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly hint: string | undefined;
  readonly details: DetailsOf<C> | undefined;
  readonly fieldErrors: Record<string, string[]> | undefined;

  constructor(code: C, message: string, options: AppErrorOptions<C> = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = options.status;
    this.errors = options.errors ?? [];
    this.retryable = options.retryable ?? false;
    this.method = options.method;
    this.url = options.url === undefined ? undefined : redactUrl(options.url);
    this.hint = options.hint;
    this.details = options.details;
    this.fieldErrors = options.fieldErrors;
  }

  /** Returns a plain object safe to log: no stack, no credentials. */
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
      ...(this.details !== undefined ? { details: this.details } : {}),
    };
  }
}

/** Returns true when `err` is an AppError (structurally, so it survives bundling and realms). */
export function isAppError(err: unknown): err is AppError {
  return (
    typeof err === 'object' &&
    err !== null &&
    (err as { name?: unknown }).name === 'AppError' &&
    typeof (err as { code?: unknown }).code === 'string'
  );
}

/** Returns true when `err` is an AppError with code `code`, narrowing its details. */
export function hasCode<C extends ErrorCode>(err: unknown, code: C): err is AppError<C> {
  return isAppError(err) && err.code === code;
}

/** Returns the tags of a CONFLICT error with both digests each, or an empty list for anything else. */
export function conflictsOf(err: unknown): TagConflict[] {
  if (!hasCode(err, 'CONFLICT')) return [];
  const conflicts = err.details?.conflicts;
  return Array.isArray(conflicts) ? conflicts : [];
}
