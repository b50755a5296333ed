// Kept apart from the zod schemas in ./params: the coverage page shows these lines in the browser,
// and importing them from there would ship all of zod with it.
import type { ScanScope, TagRule } from './params';

/** Returns a one-line description of a tag rule ("all tags", "newest 3 by version", "tags latest, v*"). */
export function describeTagRule(rule: TagRule): string {
  if (rule.kind === 'all') return 'all tags';
  if (rule.kind === 'newest') return `newest ${rule.n} by ${rule.by}`;
  return `tags ${rule.patterns.join(', ')}`;
}

/** Returns a one-line description of a scope ("the whole registry", "namespace team/", "3 repositories"). */
export function describeScope(scope: ScanScope): string {
  if (scope.kind === 'registry') return 'the whole registry';
  if (scope.kind === 'namespace') return `namespace ${scope.namespace}/`;
  return `${scope.repositories.length} ${scope.repositories.length === 1 ? 'repository' : 'repositories'}`;
}
