import { NextResponse } from 'next/server';

import { publicRoute } from '@/lib/http';
import { endSession } from '@/lib/auth/sessions';

export const dynamic = 'force-dynamic';

/** POST /api/auth/sign-out: ends the session (in the store too) and clears its cookie. */
export const POST = publicRoute({}, ({ req, cfg }) => {
  const res = NextResponse.json({ signedOut: true });
  res.headers.append('Set-Cookie', endSession(req, cfg));
  return res;
});
