/**
 * Matching repository names against what a user types in the repository filter. The same
 * function runs in the browser (over the pages loaded) and on the server (over the whole catalog),
 * so both answer the same names for the same words.
 */

/** Returns the lowercase whitespace-separated terms of a query (empty for a blank query). Never throws. */
export function searchTerms(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

/** Returns true when `name` contains every term (case-insensitive); true for no terms. Never throws. */
export function matchesTerms(name: string, terms: readonly string[]): boolean {
  const lower = name.toLowerCase();
  return terms.every((t) => lower.includes(t));
}

/** Returns the names containing every whitespace-separated term of `query`; all names for a blank query. Never throws. */
export function filterNames(names: readonly string[], query: string): string[] {
  const terms = searchTerms(query);
  if (terms.length === 0) return [...names];
  return names.filter((name) => matchesTerms(name, terms));
}

/** What a whole-catalog search answers besides the names. */
export interface CatalogSearchInfo {
  /** The query as the server read it. */
  query: string;
  /** Repository names the walk read from the registry. */
  scanned: number;
  /** The walk stopped at a cap while the registry listed more: later names were not searched. */
  truncated: boolean;
  /** More names matched than are returned (`MAX_SEARCH_RESULTS`): a narrower query finds them. */
  limited: boolean;
}

/** Matches a search returns at most: a list a person reads, not an export. */
export const MAX_SEARCH_RESULTS = 500;
