'use client';

import Link from 'next/link';
import { useState } from 'react';

import { roleSummary } from '@/lib/auth/access-view';
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
      <RoleNote />
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

/** The reader's role, visible (not only in a tooltip, which touch screens never show). */
function RoleNote() {
  const summary = roleSummary(useAccess());
  if (!summary) return null;
  return (
    <details className="relative" data-testid="user-role">
      <summary className="cursor-pointer list-none rounded-full bg-zinc-100 px-2 py-0.5 text-xs text-zinc-700 select-none dark:bg-zinc-800 dark:text-zinc-300">
        <span className="sr-only">Your role: </span>
        {summary.headline}
      </summary>
      <ul className="absolute right-0 z-20 mt-1 w-max max-w-[80vw] rounded-md border border-zinc-200 bg-white p-2 text-xs shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
        {summary.lines.map((l) => (
          <li key={l} className="py-0.5">
            {l}
          </li>
        ))}
      </ul>
    </details>
  );
}
