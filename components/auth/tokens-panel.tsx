'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import { Modal } from '@/components/actions/modal';
import { useAccess } from '@/components/auth/access';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { CopyButton } from '@/components/ui/copy-button';
import { formatDate } from '@/lib/format';
import { apiFetch } from '@/lib/query/api-fetch';
import { roleCovers, type Role } from '@/lib/auth/roles';
import type { TokenInfo } from '@/lib/store/tokens';

const KEY = ['tokens'] as const;
const inputClass =
  'rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900';

const EXPIRY_CHOICES = [
  { days: 7, label: 'in 7 days' },
  { days: 30, label: 'in 30 days' },
  { days: 90, label: 'in 90 days' },
  { days: 365, label: 'in a year' },
];

const ROLE_CHOICES: { role: Role; label: string }[] = [
  { role: 'viewer', label: 'viewer (read)' },
  { role: 'editor', label: 'editor (push, retag, copy)' },
  { role: 'admin', label: 'admin (delete, overwrite)' },
];

/**
 * The roles a new token may be labelled with: a token never does more than its owner, so a role
 * above every grant the owner holds would be a label the server silently caps.
 */
function useRoleChoices(): { role: Role; label: string }[] {
  const { grants } = useAccess();
  if (grants === 'all') return ROLE_CHOICES;
  return ROLE_CHOICES.filter((c) => grants.some((g) => roleCovers(g.role, c.role)));
}

/** The expiries this Manifold allows: the usual ones up to its maximum, and the maximum itself. */
function expiryChoices(maxDays: number): { days: number; label: string }[] {
  const allowed = EXPIRY_CHOICES.filter((c) => c.days <= maxDays);
  if (!allowed.some((c) => c.days === maxDays))
    allowed.push({ days: maxDays, label: `in ${maxDays} days (the longest allowed)` });
  return allowed;
}

function CreateToken(props: { maxDays: number; onCreated: (secret: string) => void }) {
  const { maxDays, onCreated } = props;
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const roles = useRoleChoices();
  const [role, setRole] = useState('viewer');
  const [days, setDays] = useState(String(Math.min(90, maxDays)));
  const create = useMutation({
    mutationFn: () =>
      apiFetch<{ secret: string }>('/api/tokens', {
        method: 'POST',
        body: { name, role, expiresInDays: Number(days) },
      }),
    onSuccess: ({ secret }) => {
      onCreated(secret);
      setName('');
      void queryClient.invalidateQueries({ queryKey: KEY });
    },
  });
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate();
      }}
    >
      <label className="flex flex-col gap-1 text-xs font-medium">
        Name
        <input
          className={inputClass}
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
        />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium">
        At most
        <select className={inputClass} value={role} onChange={(e) => setRole(e.target.value)}>
          {roles.map((c) => (
            <option key={c.role} value={c.role}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium">
        Expires
        <select className={inputClass} value={days} onChange={(e) => setDays(e.target.value)}>
          {expiryChoices(maxDays).map((c) => (
            <option key={c.days} value={String(c.days)}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <Button type="submit" variant="primary" disabled={create.isPending}>
        Create token
      </Button>
      {create.error ? (
        <p role="alert" className="w-full text-sm text-red-700 dark:text-red-400">
          {create.error.message}
        </p>
      ) : null}
    </form>
  );
}

// Revoking cannot be undone and breaks whatever script uses the token, so it asks first.
function RevokeDialog({ t, onClose }: { t: TokenInfo; onClose: () => void }) {
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: () => apiFetch(`/api/tokens/${t.id}`, { method: 'DELETE', body: {} }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: KEY });
      onClose();
    },
  });
  return (
    <Modal
      title={`Revoke the token “${t.name}”?`}
      description="Scripts and CI jobs that send it are refused from now on. This cannot be undone; you can create a new token instead."
      onClose={onClose}
      testId="revoke-token-dialog"
      footer={
        <>
          <Button variant="secondary" onClick={onClose} autoFocus>
            Keep it
          </Button>
          <Button variant="danger" onClick={() => revoke.mutate()} disabled={revoke.isPending}>
            {revoke.isPending ? 'Revoking…' : 'Revoke token'}
          </Button>
        </>
      }
    >
      <p>
        Role <strong>{t.role}</strong>, created {formatDate(t.createdAt)}, last used{' '}
        {t.lastUsedAt ? formatDate(t.lastUsedAt) : 'never'}.
      </p>
      {revoke.error ? (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {revoke.error.message}
        </p>
      ) : null}
    </Modal>
  );
}

function TokenRow({ t }: { t: TokenInfo }) {
  const [confirming, setConfirming] = useState(false);
  const expired = t.expiresAt !== null && t.expiresAt <= new Date().toISOString();
  return (
    <tr className="border-t border-zinc-200 dark:border-zinc-800" data-testid="token-row">
      <td className="px-3 py-2">{t.name}</td>
      <td className="px-3 py-2">{t.role}</td>
      <td className="px-3 py-2 whitespace-nowrap">{formatDate(t.createdAt)}</td>
      <td className="px-3 py-2 whitespace-nowrap">
        {t.expiresAt ? formatDate(t.expiresAt) : 'never'}
      </td>
      <td className="px-3 py-2 whitespace-nowrap">
        {t.lastUsedAt ? formatDate(t.lastUsedAt) : 'never'}
      </td>
      <td className="px-3 py-2 text-right">
        {t.revokedAt ? (
          <span className="text-xs text-zinc-500">revoked</span>
        ) : expired ? (
          <span className="text-xs text-zinc-500">expired</span>
        ) : (
          <Button size="sm" variant="danger" onClick={() => setConfirming(true)}>
            Revoke…
          </Button>
        )}
        {confirming ? <RevokeDialog t={t} onClose={() => setConfirming(false)} /> : null}
      </td>
    </tr>
  );
}

/** Create, list and revoke the user's API tokens; a new token's secret is shown once. */
export function TokensPanel({ initial, maxDays }: { initial: TokenInfo[]; maxDays: number }) {
  const [secret, setSecret] = useState<string | null>(null);
  const { data } = useQuery({
    queryKey: KEY,
    queryFn: () => apiFetch<{ tokens: TokenInfo[] }>('/api/tokens'),
    initialData: { tokens: initial },
  });
  return (
    <>
      <Card title="New token">
        <CreateToken maxDays={maxDays} onCreated={setSecret} />
        {secret ? (
          <div className="mt-3 flex flex-wrap items-center gap-2 text-sm" data-testid="new-token">
            <span>Copy it now, it is not shown again:</span>
            <code className="font-mono break-all">{secret}</code>
            <CopyButton text={secret} />
          </div>
        ) : null}
      </Card>
      <Card title="Your tokens">
        {data.tokens.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">No tokens yet.</p>
        ) : (
          <div className="-m-4 overflow-x-auto">
            <table className="w-full min-w-[40rem] text-left text-sm" aria-label="API tokens">
              <thead className="text-xs text-zinc-500 uppercase dark:text-zinc-400">
                <tr>
                  <th className="px-3 py-2 font-medium">Name</th>
                  <th className="px-3 py-2 font-medium">At most</th>
                  <th className="px-3 py-2 font-medium">Created</th>
                  <th className="px-3 py-2 font-medium">Expires</th>
                  <th className="px-3 py-2 font-medium">Last used</th>
                  <th className="px-3 py-2" />
                </tr>
              </thead>
              <tbody>
                {data.tokens.map((t) => (
                  <TokenRow key={t.id} t={t} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}
