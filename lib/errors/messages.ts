import { AppError, isAppError } from './app-error';
import { isErrorCode, type ErrorCode } from './codes';
import { httpStatusOf } from './http-status';

/** What the browser may see of a failure: a stable code and sentences a user can act on. */
export interface PublicError {
  code: string;
  message: string;
  hint?: string;
  retryable: boolean;
  /** Input field -> problems, for forms. */
  fieldErrors?: Record<string, string[]>;
  /** Structured facts, typed per code (see ErrorDetailsByCode). */
  details?: unknown;
}

/** The one table from code to the hint a user reads beside the message. */
const hints: Partial<Record<ErrorCode, string>> = {
  NOT_READY:
    'This replica cannot serve requests now. `store`: check that the data folder (MANIFOLD_DATA_DIR) is writable and its manifold.db readable; `migrations`: run the Manifold version that matches the database; `shutdown`: the process is stopping, the load balancer sends requests elsewhere.',
  UNAUTHORIZED:
    'The registry wants credentials. Add username and password for this registry to the Manifold config file (MANIFOLD_CONFIG), or log in with `docker login` / `podman login` on the server.',
  DENIED:
    'The credentials Manifold has are not allowed to do this. Check the account’s permissions on this repository.',
  NAME_UNKNOWN:
    'The repository does not exist on this registry. Check the spelling, or push an image to it first.',
  MANIFEST_UNKNOWN:
    'Nothing is stored under this tag or digest. It may have been deleted or never pushed.',
  NOT_FOUND: 'Nothing is stored at that address. It may have been deleted or never pushed.',
  NETWORK:
    'Manifold could not reach the registry. Is it running, and is the host and port right? For plain HTTP registries set `insecure: true` in the config.',
  TIMEOUT:
    'The registry did not answer in time. Try again; if it keeps happening the registry may be overloaded or stalled. A registry that is just slow can be given longer: MANIFOLD_INTERACTIVE_TIMEOUT (pages, default 5 s) and MANIFOLD_JOB_TIMEOUT (jobs, default 120 s).',
  TOOMANYREQUESTS: 'The registry is rate-limiting requests. Wait a moment and try again.',
  DELETE_DISABLED:
    'The registry has deletes disabled. For the distribution registry set storage.delete.enabled: true (or REGISTRY_STORAGE_DELETE_ENABLED=true) and restart it. Docker Hub and GHCR do not allow deletes over the API.',
  UNSUPPORTED: 'The registry does not support this operation.',
  DIGEST_MISMATCH:
    'The registry returned content that does not match its digest. The registry or a proxy in between is corrupting data; nothing was changed.',
  SCHEMA1_UNSUPPORTED:
    'This is a legacy schema1 manifest. Re-push the image with a current tool (docker, podman, skopeo) to convert it.',
  INVALID_REFERENCE:
    'Check the reference: [registry/]repository[:tag][@digest], lowercase repository names.',
  TOO_LARGE: 'The manifest is larger than registries accept (4 MiB).',
  CONFLICT:
    'The tag changed since you looked at it. Refresh to see its new digest, or overwrite explicitly.',
  REGISTRY_NOT_ALLOWED:
    'Manifold contacts only the registries it is configured for. Add this registry under `registries` in the config file (or MANIFOLD_REGISTRIES), or set `allowUnconfigured: public` to browse public registries.',
  FORBIDDEN:
    'Your grants do not cover this registry or repository with the role the action needs (pull: viewer, push: editor, overwrite and delete: admin). Ask an administrator to add a grant under `roles` in the config file.',
  MANIFEST_BLOB_UNKNOWN:
    'A child of this list is not in the destination repository. Manifold copies children first; retry the push.',
  STORE_READ_ONLY:
    'Manifold cannot write its database. Make the data folder (MANIFOLD_DATA_DIR) and manifold.db writable by the server’s user (and the file system mounted read-write), then retry.',
  STORE_FULL:
    'The disk holding Manifold’s data folder (MANIFOLD_DATA_DIR) is full. Free space on it, then retry; what was stored before is kept.',
  STORE_BUSY:
    'Another process holds a lock on Manifold’s database (a backup or a sqlite3 shell?). Retry in a moment; if it lasts, find and stop that process.',
  STORE_CORRUPT:
    'Manifold’s database file is damaged. Stop the server, keep a copy of the data folder, and restore manifold.db from a backup (or recover it with `sqlite3 manifold.db .recover`).',
  STORE_IN_USE:
    'Another Manifold process is using this data folder. One SQLite data folder serves one server process: stop the other one, or give each its own MANIFOLD_DATA_DIR. To run several replicas, use PostgreSQL (MANIFOLD_DATABASE_URL).',
};

/** Returns the hint a user reads for `code`, if the table has one. */
export function hintFor(code: string): string | undefined {
  return hints[code as ErrorCode];
}

/**
 * Returns the user-facing form of any error: no stack, no raw registry body, no credentials.
 * Anything that is not an AppError is a bug and becomes INTERNAL.
 */
export function toPublicError(err: unknown): PublicError {
  if (isAppError(err)) {
    const hint = err.hint ?? hints[err.code];
    return {
      code: err.code,
      message: err.message,
      ...(hint ? { hint } : {}),
      retryable: err.retryable,
      ...(err.fieldErrors ? { fieldErrors: err.fieldErrors } : {}),
      ...(err.details !== undefined ? { details: err.details } : {}),
    };
  }
  return {
    code: 'INTERNAL',
    message: 'Something went wrong inside Manifold. The server log has the details.',
    retryable: true,
  };
}

/**
 * Returns the AppError a public error stands for: what the browser rebuilds from an `{ error }`
 * answer (with its HTTP status) or a failed job's stored error (status from the code's row in
 * `httpStatusOf`). An unknown code becomes INTERNAL.
 */
export function fromPublicError(pub: PublicError, status = httpStatusOf(pub.code)): AppError {
  const code: ErrorCode = isErrorCode(pub.code) ? pub.code : 'INTERNAL';
  return new AppError(code, pub.message, {
    status,
    retryable: pub.retryable,
    ...(pub.hint ? { hint: pub.hint } : {}),
    ...(pub.fieldErrors ? { fieldErrors: pub.fieldErrors } : {}),
    ...(pub.details !== undefined ? { details: pub.details as never } : {}),
  });
}
