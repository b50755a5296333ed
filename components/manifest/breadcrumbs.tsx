import Link from 'next/link';

import { registryPath, repositoryPath } from '@/lib/paths';

export function Breadcrumbs({
  registry,
  repository,
  last,
}: {
  registry: string;
  repository?: string;
  last?: string;
}) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm text-zinc-600 dark:text-zinc-400">
      <ol className="flex flex-wrap items-center gap-1">
        <li>
          <Link href="/" className="hover:underline">
            Registries
          </Link>
        </li>
        <li aria-hidden>/</li>
        <li>
          <Link href={registryPath(registry)} className="font-mono hover:underline">
            {registry}
          </Link>
        </li>
        {repository ? (
          <>
            <li aria-hidden>/</li>
            <li>
              <Link
                href={repositoryPath(registry, repository)}
                className="font-mono hover:underline"
              >
                {repository}
              </Link>
            </li>
          </>
        ) : null}
        {last ? (
          <>
            <li aria-hidden>/</li>
            <li className="font-mono text-zinc-900 dark:text-zinc-100" aria-current="page">
              {last}
            </li>
          </>
        ) : null}
      </ol>
    </nav>
  );
}
