import { NextResponse } from 'next/server';

import { publicRoute } from '@/lib/http';
import { beginOidc } from '@/lib/auth/oidc';

export const dynamic = 'force-dynamic';

/** GET /api/auth/oidc/start?next=/path: sends the browser to the identity provider (code + PKCE). */
export const GET = publicRoute({}, async ({ req, cfg }) => {
  const { location, cookie } = await beginOidc(req, cfg, new URL(req.url).searchParams.get('next'));
  const res = new NextResponse(null, { status: 303, headers: { Location: location } });
  res.headers.append('Set-Cookie', cookie);
  return res;
});
