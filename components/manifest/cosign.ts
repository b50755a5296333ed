/** What a cosign tag holds, by its suffix (cosign's tag convention `sha256-<hex>.sig` / `.att` / `.sbom`). */
export type CosignKind = 'signature' | 'attestations' | 'SBOM';

const SUFFIX: Record<string, CosignKind> = { sig: 'signature', att: 'attestations', sbom: 'SBOM' };
const COSIGN_TAG = /^(sha256)-([a-f0-9]{64})\.(sig|att|sbom)$/;

/** Returns the digest a cosign tag refers to and what it holds, or undefined for any other tag. */
export function parseCosignTag(tag: string): { digest: string; kind: CosignKind } | undefined {
  const m = COSIGN_TAG.exec(tag);
  if (!m) return undefined;
  return { digest: `${m[1]}:${m[2]}`, kind: SUFFIX[m[3]!]! };
}

/** Returns the tag the OCI referrers fallback (tag schema) keeps a digest's referrers under: `sha256-<hex>`. */
export function fallbackTag(digest: string): string {
  return digest.replace(':', '-');
}

/** Returns, per subject digest, the cosign tags of a repository that refer to it. */
export function cosignTagsByDigest(
  tags: readonly string[],
): Map<string, Array<{ tag: string; kind: CosignKind }>> {
  const out = new Map<string, Array<{ tag: string; kind: CosignKind }>>();
  for (const tag of tags) {
    const parsed = parseCosignTag(tag);
    if (!parsed) continue;
    const list = out.get(parsed.digest) ?? [];
    list.push({ tag, kind: parsed.kind });
    out.set(parsed.digest, list);
  }
  return out;
}
