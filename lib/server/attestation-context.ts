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
import { readStatement, type StatementFacts } from '@/lib/browse/statement';
import { platformLabel } from '@/lib/format';

import { getRegistryClient } from './registry';

/** What the image page says about an attestation manifest opened on its own. */
export interface AttestationContext {
  /** "SBOM (SPDX)", "SLSA provenance" */
  what: string;
  predicateTypes: string[];
  /** The image it attests, when the list it came from is known. */
  image?: { label: string; href: string; digest: string };
  /** The list it came from, to go back to. */
  list?: { label: string; href: string };
  /** What each in-toto statement states, in layer order (empty facts when one could not be read). */
  statements?: StatementFacts[];
}

// Statements read at most, and bytes of each: an SBOM of a large image is a few MiB.
const MAX_STATEMENTS = 4;
const MAX_STATEMENT_BYTES = 4 * 1024 * 1024;

async function readStatements(result: InspectResult): Promise<StatementFacts[]> {
  const client = getRegistryClient();
  const repo = { registry: result.registry, repository: result.repository };
  return Promise.all(
    (result.layers ?? []).slice(0, MAX_STATEMENTS).map(async (layer) => {
      if (layer.size > MAX_STATEMENT_BYTES) return {};
      try {
        const bytes = await client.getBlobBytes(repo, layer.digest, {
          maxBytes: MAX_STATEMENT_BYTES,
          expectedSize: layer.size,
        });
        return readStatement(JSON.parse(new TextDecoder().decode(bytes)));
      } catch {
        // A statement that cannot be read leaves its row as the manifest describes it.
        return {};
      }
    }),
  );
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
    statements: await readStatements(result),
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
