import * as client from 'openid-client';

import type { AppConfig } from '@/lib/config';
import type { OidcConfig } from '@/lib/config-access';
import { AppError } from '@/lib/errors';

import { cookieHeader, OIDC_COOKIE, readCookie } from './cookies';
import { oidcId } from './identity';
import { safeNext } from './redirect';
import { servedOverHttps } from './request-checks';
import type { SignedInUser } from './sessions';
import type { SignInErrorCode } from './sign-in-errors';

/**
 * OpenID Connect sign-in: authorization code with PKCE (S256), state and nonce, through
 * openid-client. What is in flight lives in a short httpOnly cookie bound to the browser.
 */

export const OIDC_CALLBACK_PATH = '/api/auth/oidc/callback';

interface Pending {
  verifier: string;
  state: string;
  nonce: string;
  next: string;
}

const discovered = new Map<string, Promise<client.Configuration>>();

function oidcOf(cfg: AppConfig): OidcConfig {
  const o = typeof cfg.auth === 'object' ? cfg.auth.oidc : undefined;
  if (!o)
    throw new AppError('UNAUTHENTICATED', 'Single sign-on is not configured on this Manifold.', {
      details: { reason: 'sso-off' satisfies SignInErrorCode },
    });
  return o;
}

async function configuration(o: OidcConfig): Promise<client.Configuration> {
  const key = `${o.issuer} ${o.clientId}`;
  let p = discovered.get(key);
  if (!p) {
    const insecure = new URL(o.issuer).protocol === 'http:'; // loopback only: the config checks it
    p = client.discovery(
      new URL(o.issuer),
      o.clientId,
      o.clientSecret,
      undefined,
      insecure ? { execute: [client.allowInsecureRequests] } : undefined,
    );
    discovered.set(key, p);
    p.catch(() => discovered.delete(key)); // try again next time
  }
  try {
    return await p;
  } catch (err) {
    throw new AppError('NETWORK', `The identity provider ${o.issuer} could not be reached.`, {
      cause: err,
      retryable: true,
    });
  }
}

/** Returns the origin the identity provider sends the browser back to (publicUrl, else the request's own). */
function appOrigin(req: Request, cfg: AppConfig): string {
  if (cfg.publicUrl) return cfg.publicUrl;
  return `${servedOverHttps(req, cfg) ? 'https' : 'http'}://${req.headers.get('host') ?? 'localhost'}`;
}

/** Returns where to send the browser (the provider's authorization URL) and the cookie holding the PKCE verifier, state and nonce. */
export async function beginOidc(
  req: Request,
  cfg: AppConfig,
  next: string | null,
): Promise<{ location: string; cookie: string }> {
  const o = oidcOf(cfg);
  const config = await configuration(o);
  const pending: Pending = {
    verifier: client.randomPKCECodeVerifier(),
    state: client.randomState(),
    nonce: client.randomNonce(),
    next: safeNext(next, appOrigin(req, cfg)),
  };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: `${appOrigin(req, cfg)}${OIDC_CALLBACK_PATH}`,
    scope: o.scopes,
    code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
    code_challenge_method: 'S256',
    state: pending.state,
    nonce: pending.nonce,
  });
  const value = Buffer.from(JSON.stringify(pending)).toString('base64url');
  const cookie = cookieHeader(OIDC_COOKIE, value, {
    maxAge: 600,
    secure: servedOverHttps(req, cfg),
    path: '/api/auth/oidc',
  });
  return { location: url.href, cookie };
}

function readPending(req: Request): Pending {
  const raw = readCookie(req, OIDC_COOKIE);
  try {
    const p = JSON.parse(Buffer.from(raw ?? '', 'base64url').toString('utf8')) as Pending;
    if (
      typeof p.verifier === 'string' &&
      typeof p.state === 'string' &&
      typeof p.nonce === 'string'
    )
      return p;
  } catch {
    // fall through
  }
  throw new AppError(
    'UNAUTHENTICATED',
    'The sign-in took too long or was started in another browser. Sign in again.',
    { details: { reason: 'sso-expired' satisfies SignInErrorCode } },
  );
}

function claimList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (typeof value === 'string') return value.split(/[,\s]+/).filter(Boolean);
  return [];
}

/**
 * Returns the name a user is shown as: the configured claim, else `preferred_username`, else the
 * email (only when `email_verified` is true: anyone may type an unverified address), else `sub`.
 * The name is for display; who the user is comes from the issuer and `sub` alone.
 */
function displayName(claims: Record<string, unknown>, usernameClaim: string | undefined): string {
  const usable = (c: string | undefined): c is string =>
    c !== undefined &&
    typeof claims[c] === 'string' &&
    claims[c] !== '' &&
    (c !== 'email' || claims.email_verified === true);
  const claim = [usernameClaim, 'preferred_username', 'email'].find(usable);
  return String(claims[claim ?? 'sub']);
}

/**
 * Returns the signed-in user (name and groups from the configured claims, ID token and userinfo)
 * and where to go next, after checking the provider's answer (state, PKCE, nonce, ID token).
 * Throws UNAUTHENTICATED when the answer does not check out.
 */
export async function finishOidc(
  req: Request,
  cfg: AppConfig,
): Promise<{ user: SignedInUser; next: string; clearCookie: string }> {
  const o = oidcOf(cfg);
  const pending = readPending(req);
  const config = await configuration(o);
  const current = new URL(`${appOrigin(req, cfg)}${OIDC_CALLBACK_PATH}${new URL(req.url).search}`);
  let claims: Record<string, unknown>;
  try {
    const tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const idClaims: Record<string, unknown> = tokens.claims() ?? {};
    const info = await client.fetchUserInfo(config, tokens.access_token, String(idClaims.sub));
    claims = { ...info, ...idClaims };
  } catch (err) {
    throw new AppError('UNAUTHENTICATED', `Single sign-on failed: ${(err as Error).message}`, {
      cause: err,
      details: { reason: 'sso-failed' satisfies SignInErrorCode },
    });
  }
  const sub = String(claims.sub);
  return {
    user: {
      id: oidcId(o.issuer, sub),
      name: displayName(claims, o.usernameClaim),
      groups: claimList(claims[o.groupsClaim]),
      via: 'oidc',
    },
    next: safeNext(pending.next, appOrigin(req, cfg)),
    clearCookie: cookieHeader(OIDC_COOKIE, '', {
      maxAge: 0,
      secure: servedOverHttps(req, cfg),
      path: '/api/auth/oidc',
    }),
  };
}
