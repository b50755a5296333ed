/**
 * Structured facts an error carries, typed per code. A code missing here carries no details.
 */

/** A tag that moved: the digest the writer expected there, and the one it holds now. */
export interface TagConflict {
  /** `registry/repository:tag` */
  reference: string;
  expected: string | null;
  actual: string | null;
}

/** One problem of a draft, as validation reports it. */
export interface DraftIssueDetail {
  severity: string;
  code: string;
  message: string;
  [key: string]: unknown;
}

export interface ErrorDetailsByCode {
  CONFLICT: { conflicts?: TagConflict[]; indexDigest?: string };
  STALE_PREVIEW: { revision?: number; indexDigest?: string };
  INVALID_DRAFT: { issues: DraftIssueDetail[] };
  VALIDATION: { fieldErrors?: Record<string, string[]> };
  FORBIDDEN: { required?: string; action?: string; registry?: string; repository?: string };
  REGISTRY_NOT_ALLOWED: { host: string; setting?: string };
  PAYLOAD_TOO_LARGE: { limit: number };
  CONFIG: { key: string; value: unknown };
  /** `reason`: why a single sign-on failed, as `/sign-in?error=` names it (lib/auth/sign-in-errors). */
  UNAUTHENTICATED: { reason?: string };
}

/** The details type of `code`: its entry above, else `undefined`. */
export type DetailsOf<C extends string> = C extends keyof ErrorDetailsByCode
  ? ErrorDetailsByCode[C]
  : undefined;
