import type { PublicError } from '@/lib/errors';

import { RepositoryJump } from './repository-jump';

/** Catalog codes that mean "this registry will not list its repositories", not "something broke". */
export const NO_CATALOG_CODES: ReadonlySet<string> = new Set([
  'UNSUPPORTED',
  'NOT_FOUND',
  'UNAUTHORIZED',
  'DENIED',
]);

/** Shown instead of the repository list when the registry has no catalog, with a box to type a name. */
export function NoCatalog({ host, error }: { host: string; error: PublicError }) {
  const refused = error.code === 'UNAUTHORIZED' || error.code === 'DENIED';
  return (
    <section
      aria-labelledby="no-catalog-title"
      className="flex flex-col gap-4 rounded-lg border border-amber-300 bg-amber-50 p-4 dark:border-amber-800 dark:bg-amber-950/40"
    >
      <div className="flex flex-col gap-1.5 text-sm">
        <h2 id="no-catalog-title" className="text-base font-semibold">
          This registry does not list its repositories
        </h2>
        <p className="text-zinc-700 dark:text-zinc-300">
          {refused ? (
            <>
              <span className="font-mono">{host}</span> refused to send its catalog, the list of all
              repositories. Docker Hub and GHCR never send one; other registries send it only to
              accounts allowed to read it.
            </>
          ) : (
            <>
              <span className="font-mono">{host}</span> has no catalog API (
              <code className="font-mono">GET /v2/_catalog</code>
              ), so Manifold cannot list what it holds. Docker Hub and GHCR are like this.
            </>
          )}{' '}
          You can still open any repository you know the name of.
        </p>
        {refused && error.hint ? (
          <p className="text-xs text-zinc-600 dark:text-zinc-400">{error.hint}</p>
        ) : null}
      </div>
      <div className="max-w-xl">
        <RepositoryJump host={host} label="Repository name" autoFocus />
      </div>
    </section>
  );
}
