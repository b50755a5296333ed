import 'server-only';

import { imagePath } from '@/lib/paths';
import type { InspectResult } from '@/lib/registry';
import { inspectReference } from './inspect';

import {
  attestsWhat,
  findAttested,
  isAttestationManifest,
  predicateTypes,
} from '@/lib/browse/attestation';
import { platformLabel } from '@/lib/format';

/** What the image page says about an attestation manifest opened on its own. */
export interface AttestationContext {
  /** "SBOM (SPDX)", "SLSA provenance" */
  what: string;
  predicateTypes: string[];
  /** The image it attests, when the list it came from is known. */
  image?: { label: string; href: string; digest: string };
  /** The list it came from, to go back to. */
  list?: { label: string; href: string };
}

/**
 * Returns the attestation context of an image page, or undefined when the manifest is not a
 * BuildKit attestation. `list` (the `?list=` of the link that opened it: a tag or a digest of the
 * same repository) names the list that holds it; that list is read (from the content cache) to
 * find the image it attests. A list that cannot be read leaves only what the manifest itself says.
 */
export async function attestationContext(
  result: InspectResult,
  list: string | undefined,
): Promise<AttestationContext | undefined> {
  if (result.kind === 'index' || !isAttestationManifest(result)) return undefined;
  const context: AttestationContext = {
    what: attestsWhat(result),
    predicateTypes: predicateTypes(result),
  };
  if (!list || !/^[\w][\w.-]{0,127}$|^sha256:[a-f0-9]{64}$/.test(list)) return context;
  const sep = list.startsWith('sha256:') ? '@' : ':';
  try {
    const parent = await inspectReference(`${result.registry}/${result.repository}${sep}${list}`);
    const found = findAttested(parent, result.digest);
    if (!found) return context;
    const label = platformLabel(found.image.platform);
    const listBase = imagePath(result.registry, result.repository, list);
    return {
      ...context,
      image: {
        label,
        digest: found.image.digest,
        href: `${listBase}?tab=details&platform=${encodeURIComponent(found.image.digest)}`,
      },
      list: {
        label: `${result.repository}${sep}${list.startsWith('sha256:') ? list.slice(0, 19) : list}`,
        href: listBase,
      },
    };
  } catch {
    return context;
  }
}
