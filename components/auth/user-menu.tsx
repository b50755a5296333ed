'use client';

import Link from 'next/link';
import { useState } from 'react';

import { apiFetch } from '@/lib/query/api-fetch';

import { useAccess } from './access';

/** The header's corner: who is signed in, their API tokens, and Sign out (or a Sign in link). */
export function UserMenu() {
  const access = useAccess();
  const [busy, setBusy] = useState(false);
  if (!access.signInConfigured) return null;
  if (!access.user) {
    return (
      <Link
        href="/sign-in"
        className="ml-auto text-sm text-sky-700 hover:underline dark:text-sky-400"
      >
        Sign in
      </Link>
    );
  }
  const signOut = async () => {
    setBusy(true);
    try {
      await apiFetch('/api/auth/sign-out', { method: 'POST', body: {} });
    } finally {
      // A full load: nothing of the signed-in user stays in the page or its caches.
      window.location.replace('/sign-in');
    }
  };
  return (
    <div className="ml-auto flex items-center gap-3 text-sm">
      <span className="text-zinc-600 dark:text-zinc-400" data-testid="signed-in-user">
        {access.user.name}
      </span>
      {access.user.via !== 'token' &&
      access.grants !== 'all' &&
      access.grants.some((g) => g.role === 'admin' && !g.registry && !g.repository) ? (
        <Link
          href="/settings/users"
          className="text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
        >
          Users
        </Link>
      ) : null}
      {access.tokensEnabled && access.user.via !== 'token' ? (
        <Link
          href="/settings/tokens"
          className="text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
        >
          API tokens
        </Link>
      ) : null}
      <button
        type="button"
        onClick={() => void signOut()}
        disabled={busy}
        className="text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
      >
        Sign out
      </button>
    </div>
  );
}
