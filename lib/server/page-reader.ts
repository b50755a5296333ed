import 'server-only';

import { pagePrincipal } from '@/lib/auth/page-principal';
import { readerOf } from '@/lib/auth/reader';
import type { Principal } from '@/lib/auth/guard';
import type { Reader } from '@/lib/auth/visibility';

/**
 * Returns who views the page and them as the reader of its lists, or undefined when nobody is
 * signed in (proxy.ts sends them to /sign-in first; a page then shows nothing).
 */
export async function pageReader(): Promise<{ principal: Principal; reader: Reader } | undefined> {
  const principal = await pagePrincipal();
  return principal ? { principal, reader: readerOf(principal) } : undefined;
}
