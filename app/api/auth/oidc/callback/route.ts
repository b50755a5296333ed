import { NextResponse } from 'next/server';

import { publicRoute } from '@/lib/http';
import { finishOidc } from '@/lib/auth/oidc';
import { startSession } from '@/lib/auth/sessions';
import { signInErrorCode } from '@/lib/auth/sign-in-errors';
import { isAppError } from '@/lib/errors';

export const dynamic = 'force-dynamic';

/** GET /api/auth/oidc/callback: the identity provider's answer; signs in and goes on to `next`. */
export const GET = publicRoute({}, async ({ req, cfg }) => {
  try {
    const { user, next, clearCookie } = await finishOidc(req, cfg);
    const res = new NextResponse(null, { status: 303, headers: { Location: next } });
    res.headers.append('Set-Cookie', clearCookie);
    res.headers.append('Set-Cookie', startSession(req, cfg, user));
    return res;
  } catch (err) {
    if (!isAppError(err)) throw err;
    // Back to the sign-in page, which shows the fixed sentence of this code (never our text).
    const to = `/sign-in?error=${signInErrorCode(err)}`;
    return new NextResponse(null, { status: 303, headers: { Location: to } });
  }
});
