/** A page's search parameters as Next passes them. */
export type SearchParams = Record<string, string | string[] | undefined>;

/** Returns a search parameter as one string (the first when given several); empty counts as absent. */
export function firstParam(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return s ? s : undefined;
}
