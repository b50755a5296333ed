import { filterNames } from '@/lib/browse/catalog-search';

export { filterNames };

/** Repositories of one namespace (the first path component); '' holds top-level repositories. */
export interface RepositoryGroup {
  namespace: string;
  repositories: string[];
}

const collator = new Intl.Collator('en', { numeric: true });

/** Returns the repositories grouped by namespace: top-level ones first, then namespaces A–Z, names sorted within. */
export function groupRepositories(names: readonly string[]): RepositoryGroup[] {
  const groups = new Map<string, string[]>();
  for (const name of names) {
    const slash = name.indexOf('/');
    const namespace = slash === -1 ? '' : name.slice(0, slash);
    const list = groups.get(namespace);
    if (list) list.push(name);
    else groups.set(namespace, [name]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : collator.compare(a, b)))
    .map(([namespace, repositories]) => ({
      namespace,
      repositories: [...new Set(repositories)].sort(collator.compare),
    }));
}
