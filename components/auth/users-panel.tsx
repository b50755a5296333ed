'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';

import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import type { SignInHolder } from '@/lib/auth/revoke-user';
import { apiFetch } from '@/lib/query/api-fetch';

const METHOD: Record<SignInHolder['via'], string> = {
  password: 'password',
  oidc: 'single sign-on',
  proxy: 'sign-in proxy',
};

function UserRow({ u }: { u: SignInHolder }) {
  const router = useRouter();
  const end = useMutation({
    mutationFn: () =>
      apiFetch(`/api/users/${encodeURIComponent(u.id)}/sessions`, { method: 'DELETE', body: {} }),
    // The counts come from the server component: read them again.
    onSuccess: () => router.refresh(),
  });
  return (
    <tr className="border-t border-zinc-200 dark:border-zinc-800" data-testid="user-row">
      <td className="px-3 py-2">
        <div>{u.name}</div>
        <div className="font-mono text-xs break-all text-zinc-500">{u.id}</div>
      </td>
      <td className="px-3 py-2">{METHOD[u.via]}</td>
      <td className="px-3 py-2 text-right tabular-nums">{u.sessions}</td>
      <td className="px-3 py-2 text-right tabular-nums">{u.tokens}</td>
      <td className="px-3 py-2 text-right">
        <Button
          size="sm"
          variant="danger"
          onClick={() => end.mutate()}
          disabled={end.isPending || (u.sessions === 0 && u.tokens === 0)}
        >
          End sign-ins
        </Button>
        {end.error ? (
          <p role="alert" className="mt-1 text-xs text-red-700 dark:text-red-400">
            {end.error.message}
          </p>
        ) : null}
      </td>
    </tr>
  );
}

/** Admins: every user who can or did sign in, and a button that ends all their sessions and tokens. */
export function UsersPanel({ users }: { users: SignInHolder[] }) {
  return (
    <Card title="Users">
      {users.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Nobody has signed in yet.</p>
      ) : (
        <div className="-m-4 overflow-x-auto">
          <table className="w-full min-w-[36rem] text-left text-sm" aria-label="Users">
            <thead className="text-xs text-zinc-500 uppercase dark:text-zinc-400">
              <tr>
                <th className="px-3 py-2 font-medium">User</th>
                <th className="px-3 py-2 font-medium">Signs in with</th>
                <th className="px-3 py-2 text-right font-medium">Sessions</th>
                <th className="px-3 py-2 text-right font-medium">Tokens</th>
                <th className="px-3 py-2" />
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <UserRow key={u.id} u={u} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
