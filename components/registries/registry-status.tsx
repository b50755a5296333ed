import Link from 'next/link';
import { Suspense } from 'react';

import { Badge } from '@/components/ui/badge';
import { toPublicError } from '@/lib/errors';
import { registryPath } from '@/lib/paths';
import { getRegistryClient } from '@/lib/server/registry';

import { RepositoryCount } from './repository-count';

/** The status row of one configured registry: reachable, needs credentials, or unreachable with the error. */
export async function RegistryStatus({ host, name }: { host: string; name: string }) {
  const result = await getRegistryClient().ping(host);
  let badge;
  let detail: string | undefined;
  if (result.reachable && !result.needsCredentials) {
    badge = <Badge tone="green">reachable</Badge>;
    detail =
      result.authScheme && result.authScheme !== 'none'
        ? `${result.authScheme} auth, signed in`
        : 'anonymous access';
  } else if (result.reachable && result.needsCredentials) {
    badge = <Badge tone="amber">needs credentials</Badge>;
    detail = result.error
      ? toPublicError(result.error).hint
      : `${result.authScheme ?? ''} authentication required`;
  } else {
    badge = <Badge tone="red">unreachable</Badge>;
    detail = result.error ? toPublicError(result.error).message : 'no answer';
  }
  return (
    <li
      className="flex flex-wrap items-center justify-between gap-3 px-4 py-3"
      data-registry={host}
    >
      <div className="min-w-0">
        <Link
          href={registryPath(host)}
          className="font-mono text-sm font-semibold text-sky-700 hover:underline dark:text-sky-400"
        >
          {name}
        </Link>
        {name !== host ? (
          <span className="ml-2 font-mono text-xs text-zinc-500 dark:text-zinc-400">{host}</span>
        ) : null}
        {detail ? (
          <p className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400">{detail}</p>
        ) : null}
      </div>
      <span className="flex items-center gap-3">
        {result.reachable ? (
          <Suspense fallback={null}>
            <RepositoryCount host={host} />
          </Suspense>
        ) : null}
        <span data-testid="registry-status">{badge}</span>
      </span>
    </li>
  );
}

export function RegistryStatusSkeleton({ host, name }: { host: string; name: string }) {
  return (
    <li className="flex items-center justify-between gap-3 px-4 py-3" data-registry={host}>
      <span className="font-mono text-sm font-semibold">{name}</span>
      <Badge>checking…</Badge>
    </li>
  );
}
