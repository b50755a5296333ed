import { NextResponse } from 'next/server';
import { z } from 'zod';

import { publicRoute } from '@/lib/http';
import { signInWithPassword } from '@/lib/auth/password';
import { clientAddress } from '@/lib/auth/request-checks';
import { startSession } from '@/lib/auth/sessions';

export const dynamic = 'force-dynamic';

const signInSchema = z.object({
  name: z.string().min(1).max(64),
  password: z.string().min(1).max(1024),
});

/** POST /api/auth/sign-in `{ name, password }`: a session for a user of the config file (rate-limited). */
export const POST = publicRoute({ body: signInSchema }, async ({ req, cfg, body }) => {
  const user = await signInWithPassword(cfg, body, clientAddress(req, cfg));
  const res = NextResponse.json({ user: { name: user.name } });
  res.headers.append('Set-Cookie', startSession(req, cfg, user));
  return res;
});
