import Link from 'next/link';
import { Suspense } from 'react';

import { Badge, type BadgeTone } from '@/components/ui/badge';
import { registryPath } from '@/lib/paths';
import { loadRegistryStatus, type RegistryStatusView } from '@/lib/server/registry-status';

import { RepositoryCount } from './repository-count';

const BADGES: Record<RegistryStatusView['state'], { tone: BadgeTone; text: string }> = {
  reachable: { tone: 'green', text: 'reachable' },
  'needs-credentials': { tone: 'amber', text: 'needs credentials' },
  'not-answering': { tone: 'red', text: 'not answering' },
  unreachable: { tone: 'red', text: 'unreachable' },
};

/** The status row of one configured registry: reachable, needs credentials, not answering or unreachable, with why. */
export async function RegistryStatus({ host, name }: { host: string; name: string }) {
  const status = await loadRegistryStatus(host);
  const { tone, text } = BADGES[status.state];
  const badge = <Badge tone={tone}>{text}</Badge>;
  const detail = status.detail;
  const reachable = status.state === 'reachable' || status.state === 'needs-credentials';
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
        {reachable ? (
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
