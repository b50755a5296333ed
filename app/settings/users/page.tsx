import type { Metadata } from 'next';

import { UsersPanel } from '@/components/auth/users-panel';
import { requirePagePrincipal } from '@/lib/auth/page-principal';
import { adminEverywhere, signInHolders } from '@/lib/auth/revoke-user';
import { getConfig } from '@/lib/config';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Users' };

/** Admins everywhere: who can sign in, their live sessions and tokens, and ending them all at once. */
export default async function UsersPage() {
  const principal = await requirePagePrincipal('/settings/users');
  const cfg = getConfig();
  const allowed = typeof cfg.auth === 'object' && adminEverywhere(principal);
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Users</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Ending a user’s sign-ins signs them out everywhere and revokes their API tokens. To keep
          them out, also remove them from the config file or the identity provider.
        </p>
      </div>
      {allowed ? (
        <UsersPanel users={signInHolders(cfg)} />
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          This page is for admins of every registry; {principal.name} is not one, or this Manifold
          has no sign-in.
        </p>
      )}
    </div>
  );
}
