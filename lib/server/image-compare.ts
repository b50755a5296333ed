import 'server-only';

import { toPublicError } from '@/lib/errors';
import { platformLabel } from '@/lib/format';
import {
  platformsEqual,
  shortDigest,
  type InspectedManifest,
  type InspectResult,
} from '@/lib/registry';

import { inspectReference } from './inspect';
import { listImages } from './image-page';

/** One side of a comparison: its column title and the image. */
export interface CompareSide {
  title: string;
  image: InspectedManifest;
}

/** What the Compare tab shows: the choices, the two sides found, or why the second is missing. */
export interface Comparison {
  options: Array<{ digest: string; label: string }>;
  a: CompareSide | undefined;
  b: CompareSide | undefined;
  otherTag: string | undefined;
  error: string | undefined;
}

/** `linux/amd64 (sha256:0123456789ab)`, or `artifact <type> (…)`. */
function optionLabel(m: InspectedManifest): string {
  return `${m.kind === 'artifact' ? `artifact ${m.artifactType ?? ''}` : platformLabel(m.platform)} (${shortDigest(m.digest)})`;
}

/** A compare column's title: `latest · linux/amd64`. */
function sideTitle(tag: string, m: InspectedManifest): string {
  return `${tag} · ${m.kind === 'artifact' ? 'artifact' : platformLabel(m.platform)}`;
}

/**
 * Returns the comparison the URL asks for (`a`, `b`: digests of this list's images; `otherTag`:
 * the same platform under another tag of the repository, read with `inspectOther`). Nothing
 * picked compares the first two images. A tag that cannot be read or lacks the platform is
 * returned as `error`, never thrown.
 */
export async function compareImages(
  result: InspectResult,
  query: { a?: string | undefined; b?: string | undefined; otherTag?: string | undefined },
  inspectOther: (reference: string) => Promise<InspectResult> = inspectReference,
): Promise<Comparison> {
  const all = listImages(result);
  const here = result.tag ?? shortDigest(result.digest);
  // Nothing picked yet: the first two platforms are compared at once (the picker shows them).
  const picked = query.a !== undefined || query.b !== undefined;
  const a = picked ? all.find((m) => m.digest === query.a) : all[0];
  const { otherTag } = query;
  let b: CompareSide | undefined;
  let error: string | undefined;
  if (a && otherTag) {
    try {
      const other = await inspectOther(`${result.registry}/${result.repository}:${otherTag}`);
      const candidates = listImages(other);
      const match = a.platform
        ? candidates.find((m) => m.platform && platformsEqual(m.platform, a.platform!))
        : candidates[0];
      if (match) b = { title: sideTitle(otherTag, match), image: match };
      else error = `Tag ${otherTag} has no ${platformLabel(a.platform)} image.`;
    } catch (err) {
      error = toPublicError(err).message;
    }
  } else {
    const found = picked ? all.find((m) => m.digest === query.b) : all[1];
    if (found) b = { title: sideTitle(here, found), image: found };
  }
  return {
    options: all.map((m) => ({ digest: m.digest, label: optionLabel(m) })),
    a: a ? { title: sideTitle(here, a), image: a } : undefined,
    b,
    otherTag,
    error,
  };
}
