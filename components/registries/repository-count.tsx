import { getRegistryClient } from '@/lib/server/registry';

const PAGE = 1000;
const MAX_PAGES = 5;

/**
 * How many repositories a registry holds, counted through its catalog (at most 5 pages of 1000:
 * beyond that it says "5000+"). A registry without a catalog says so; other failures show nothing,
 * the status badge beside it already explains them.
 */
export async function RepositoryCount({ host }: { host: string }) {
  const client = getRegistryClient();
  let count = 0;
  let cursor: string | undefined;
  try {
    for (let page = 0; page < MAX_PAGES; page++) {
      const res = await client.listRepositories(host, {
        n: PAGE,
        ...(cursor ? { cursor } : {}),
        signal: AbortSignal.timeout(10_000),
      });
      count += res.repositories.length;
      cursor = res.next;
      if (!cursor) break;
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    return code === 'UNSUPPORTED' ? (
      <span className="text-xs text-zinc-600 dark:text-zinc-400">does not list repositories</span>
    ) : null;
  }
  return (
    <span className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="repository-count">
      {count}
      {cursor ? '+' : ''} {count === 1 && !cursor ? 'repository' : 'repositories'}
    </span>
  );
}
