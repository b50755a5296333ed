import type { Metadata } from 'next';

import { TokensPanel } from '@/components/auth/tokens-panel';
import { requirePagePrincipal } from '@/lib/auth/page-principal';
import { maxTokenDays, tokensOf } from '@/lib/auth/tokens';
import { getConfig } from '@/lib/config';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'API tokens' };

/** The signed-in user's API tokens: create (the secret is shown once), see, revoke. */
export default async function TokensPage() {
  const principal = await requirePagePrincipal('/settings/tokens');
  const cfg = getConfig();
  const auth = cfg.auth;
  const enabled = typeof auth === 'object' && auth.tokens && principal.via !== 'token';
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">API tokens</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          For scripts and CI: send{' '}
          <code className="font-mono">Authorization: Bearer &lt;token&gt;</code>. A token never does
          more than the role you give it, nor more than you may.
        </p>
      </div>
      {enabled ? (
        <TokensPanel initial={tokensOf(principal)} maxDays={maxTokenDays(cfg)} />
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          API tokens belong to signed-in users; this Manifold has no sign-in, or tokens are turned
          off (<code className="font-mono">auth.tokens: false</code>).
        </p>
      )}
    </div>
  );
}
