import 'server-only';

import { pageAccess } from '@/lib/auth/page-principal';
import { toPublicError, type PublicError } from '@/lib/errors';
import { referenceResources } from '@/lib/http/target';
import { imagePath, joinSegments } from '@/lib/paths';
import type { InspectedManifest, InspectResult } from '@/lib/registry';

import { attestationContext, type AttestationContext } from './attestation-context';
import { inspectReference } from './inspect';
import { isInsecureRegistry } from './registry';

/** The URL's search parameters, as Next hands them to a page. */
export type Search = Record<string, string | string[] | undefined>;

/** What the page below the tabs shows. */
export type ImageBody = 'platforms' | 'details' | 'compare' | 'history' | 'raw' | 'referrers';

/** One tab of the image page. */
export interface ImageTab {
  id: string;
  label: string;
  href: string;
}

/** Returns the first value of a search parameter. */
export function param(search: Search, key: string): string | undefined {
  const v = search[key];
  return Array.isArray(v) ? v[0] : v;
}

/** Returns a list's images (nested indexes walked, in order), or the image itself; never throws. */
export function listImages(result: InspectResult): InspectedManifest[] {
  if (result.kind !== 'index') return [result];
  const out: InspectedManifest[] = [];
  const walk = (ms: InspectedManifest[] | undefined): void => {
    for (const m of ms ?? []) {
      if (m.kind === 'index') walk(m.manifests);
      else out.push(m);
    }
  };
  walk(result.manifests);
  return out;
}

/** Returns the tabs of a manifest's page: Platforms for a list, History for a tag. */
export function imageTabs(result: InspectResult, base: string): ImageTab[] {
  const isIndex = result.kind === 'index';
  return [
    ...(isIndex ? [{ id: 'platforms', label: 'Platforms', href: `${base}?tab=platforms` }] : []),
    { id: 'details', label: 'Details', href: `${base}?tab=details` },
    { id: 'compare', label: 'Compare', href: `${base}?tab=compare` },
    { id: 'raw', label: 'Raw', href: `${base}?tab=raw` },
    { id: 'referrers', label: 'Referrers', href: `${base}?tab=referrers` },
    ...(result.tag ? [{ id: 'history', label: 'History', href: `${base}?tab=history` }] : []),
  ];
}

/** Returns the body a tab shows: a tab the manifest does not have (or an unknown one) shows referrers. */
export function bodyOf(result: InspectResult, tab: string): ImageBody {
  if (tab === 'platforms') return result.kind === 'index' ? 'platforms' : 'referrers';
  if (tab === 'history') return result.tag ? 'history' : 'referrers';
  if (tab === 'details' || tab === 'compare' || tab === 'raw') return tab;
  return 'referrers';
}

/** Everything the image page needs once the manifest is read and the viewer may see it. */
export interface ImagePageData {
  result: InspectResult;
  /** The tab in the URL (or the default: Platforms for a list, Details for an image). */
  tab: string;
  body: ImageBody;
  tabs: ImageTab[];
  /** The page's own path, by tag or digest, without a query. */
  base: string;
  images: InspectedManifest[];
  /** `host/repo:tag` or `host/repo@digest`. */
  refText: string;
  insecure: boolean;
  attestation: AttestationContext | undefined;
}

/** The image page: its data, or why it cannot be shown. */
export type ImagePage =
  | { kind: 'error'; text: string; error: PublicError; href: string }
  | { kind: 'denied'; message: string }
  | ({ kind: 'ok' } & ImagePageData);

/**
 * Returns the image page of a reference (`ref`: the path segments after /image/): the inspected
 * manifest with its tabs, or the inspection's public error with the page's own URL (to retry), or
 * why the viewer may not see it. Never throws for a registry failure.
 */
export async function loadImagePage(ref: string[], search: Search): Promise<ImagePage> {
  const text = joinSegments(ref);
  let result: InspectResult;
  try {
    // The grant is checked on the reference as GET /api/inspect resolves it, before the registry
    // is asked: a viewer without it learns nothing, not even whether the tag exists.
    const denied = await pageAccess(referenceResources(text));
    if (denied) return { kind: 'denied', message: denied };
    result = await inspectReference(text);
  } catch (err) {
    const query = new URLSearchParams(
      Object.entries(search).flatMap(([k, v]) =>
        v === undefined ? [] : [[k, (Array.isArray(v) ? v[0] : v) ?? '']],
      ),
    ).toString();
    const href = `/image/${ref.join('/')}${query ? `?${query}` : ''}`;
    return { kind: 'error', text, error: toPublicError(err), href };
  }
  const base = imagePath(result.registry, result.repository, result.tag ?? result.digest);
  const tab = param(search, 'tab') ?? (result.kind === 'index' ? 'platforms' : 'details');
  return {
    kind: 'ok',
    result,
    tab,
    body: bodyOf(result, tab),
    tabs: imageTabs(result, base),
    base,
    images: listImages(result),
    refText: `${result.registry}/${result.repository}${result.tag ? `:${result.tag}` : `@${result.digest}`}`,
    insecure: isInsecureRegistry(result.registry),
    attestation: await attestationContext(result, param(search, 'list')),
  };
}
