import { pageCan } from '@/lib/auth/page-principal';
import { countRepositories } from '@/lib/server/registry-status';

/** How many repositories of a registry the viewer may pull ("5000+" past five catalog pages), or nothing when unknown. */
export async function RepositoryCount({ host }: { host: string }) {
  const view = await countRepositories(host, await pageCan());
  if (view.kind === 'no-catalog')
    return (
      <span className="text-xs text-zinc-600 dark:text-zinc-400">does not list repositories</span>
    );
  if (view.kind === 'unknown') return null;
  const { count, more } = view;
  return (
    <span className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="repository-count">
      {count}
      {more ? '+' : ''} {count === 1 && !more ? 'repository' : 'repositories'}
    </span>
  );
}
