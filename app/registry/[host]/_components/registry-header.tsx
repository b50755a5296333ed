import Link from 'next/link';

import { Breadcrumbs } from '@/components/manifest/breadcrumbs';
import type { RegistryConfig } from '@/lib/config';

/** The registry page's title: its configured name and host, or that it is not configured. */
export function RegistryHeader({
  host,
  configured,
}: {
  host: string;
  configured: RegistryConfig | undefined;
}) {
  return (
    <>
      <Breadcrumbs registry={host} />
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h1 className="font-mono text-xl font-semibold break-all">{configured?.name ?? host}</h1>
        {configured && configured.name !== host ? (
          <span className="font-mono text-sm text-zinc-500 dark:text-zinc-400">{host}</span>
        ) : null}
        {!configured ? (
          <span className="text-xs text-zinc-500 dark:text-zinc-400">
            not in Manifold’s configuration: anonymous access
          </span>
        ) : null}
        <Link
          href={`/coverage?registry=${encodeURIComponent(host)}`}
          className="text-sm text-sky-700 hover:underline dark:text-sky-400"
        >
          Platform coverage
        </Link>
      </div>
    </>
  );
}
