import type { AppError } from '@/lib/errors';

/**
 * Why a sign-in failed, as `/sign-in?error=<code>` carries it. The page shows the fixed sentence of
 * a code it knows and a generic one otherwise: the query string is anyone's to write, so its text
 * is never shown.
 */
export const SIGN_IN_ERRORS = {
  'sso-failed':
    'Single sign-on failed: the identity provider’s answer did not check out. Try again.',
  'sso-expired':
    'The sign-in took too long or was started in another browser. Sign in again from this page.',
  'sso-unreachable': 'The identity provider could not be reached. Try again in a moment.',
  'sso-off': 'Single sign-on is not configured on this Manifold.',
} as const;

export type SignInErrorCode = keyof typeof SIGN_IN_ERRORS;

const GENERIC = 'Signing in did not work. Try again, or ask whoever runs this Manifold.';

/** Returns the sentence the sign-in page shows for `code` (a generic one for unknown codes); undefined for none. */
export function signInErrorMessage(code: string | undefined): string | undefined {
  if (code === undefined || code === '') return undefined;
  return Object.hasOwn(SIGN_IN_ERRORS, code) ? SIGN_IN_ERRORS[code as SignInErrorCode] : GENERIC;
}

/** Returns the code of a failed single sign-on: the reason the error carries, else by its code. */
export function signInErrorCode(err: AppError): SignInErrorCode {
  const reason =
    err.code === 'UNAUTHENTICATED'
      ? (err as AppError<'UNAUTHENTICATED'>).details?.reason
      : undefined;
  if (reason !== undefined && Object.hasOwn(SIGN_IN_ERRORS, reason))
    return reason as SignInErrorCode;
  return err.code === 'NETWORK' || err.code === 'TIMEOUT' ? 'sso-unreachable' : 'sso-failed';
}
