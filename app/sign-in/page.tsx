import type { Metadata } from 'next';
import { redirect } from 'next/navigation';

import { SignInMethods } from '@/components/auth/sign-in-methods';
import { pagePrincipal } from '@/lib/auth/page-principal';
import { safeNext } from '@/lib/auth/redirect';
import { signInErrorMessage } from '@/lib/auth/sign-in-errors';
import { getConfig } from '@/lib/config';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sign in' };

type Search = Promise<Record<string, string | string[] | undefined>>;

/** The sign-in page: the methods the config names (single sign-on, a password, the proxy). */
export default async function SignInPage({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const cfg = getConfig();
  const next = safeNext(typeof sp.next === 'string' ? sp.next : undefined, cfg.publicUrl);
  const auth = cfg.auth;
  if (typeof auth !== 'object' || (await pagePrincipal())) redirect(next);
  return (
    <SignInMethods
      next={next}
      error={signInErrorMessage(typeof sp.error === 'string' ? sp.error : undefined)}
      oidcName={auth.oidc?.name}
      passwords={auth.users.length > 0}
      proxy={auth.proxy !== undefined}
    />
  );
}
