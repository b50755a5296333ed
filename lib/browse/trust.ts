/**
 * Trust at a glance: whether a signature refers to an image, from what the tag list and the
 * image page already read (the repository's tags, the referrers), without verifying it: a badge
 * says a signature exists, `cosign verify` says whether it is good.
 */

// cosign's tags for what refers to a manifest (`sha256-<hex>.sig/.att/.sbom`) and the referrers
// API's fallback tag (`sha256-<hex>`): metadata about a release, not one.
const REFERRER_TAG = /^sha256-[0-9a-f]{64}(\.[a-z]+)?$/;

/** Returns true for a tag that holds signatures, attestations or an SBOM about another manifest. */
export function isReferrerTag(tag: string): boolean {
  return REFERRER_TAG.test(tag);
}

// cosign's tag convention: the signature of sha256:<hex> is the tag sha256-<hex>.sig.
const COSIGN_TAG = /^sha256-([a-f0-9]{64})\.(sig|att|sbom)$/;

/** The artifact types of signatures: cosign's, sigstore bundles and Notary v2. */
const SIGNATURE_TYPES = [
  /^application\/vnd\.dev\.cosign\.artifact\.sig\./,
  /^application\/vnd\.dev\.sigstore\.bundle/,
  /^application\/vnd\.cncf\.notary\.signature$/,
];

/** Returns true for cosign's own tags (`sha256-<hex>.sig`, `.att`, `.sbom`): records about an image, not images to use. Never throws. */
export function isCosignTag(tag: string): boolean {
  return COSIGN_TAG.test(tag);
}

/** Returns true when an artifact type is a signature's (cosign, sigstore bundle, Notary). Never throws. */
export function isSignatureType(artifactType: string | undefined): boolean {
  return !!artifactType && SIGNATURE_TYPES.some((re) => re.test(artifactType));
}

/** How a signature was found: under cosign's tag, or as a referrer. */
export interface SignatureEvidence {
  via: 'cosign-tag' | 'referrer';
  /** The cosign tag, or the referrer's digest. */
  name: string;
  /** The digest it signs (the list's, or one of its images'). */
  subject: string;
}

/**
 * Returns the signatures that refer to any of `digests` (a list and its images): cosign `.sig`
 * tags among `tags`, and referrers with a signature artifact type. Never throws.
 */
export function signaturesOf(
  digests: readonly string[],
  tags: readonly string[],
  referrers: ReadonlyArray<{ subject: string; digest: string; artifactType?: string }> = [],
): SignatureEvidence[] {
  const wanted = new Set(digests);
  const out: SignatureEvidence[] = [];
  for (const tag of tags) {
    const m = COSIGN_TAG.exec(tag);
    if (!m || m[2] !== 'sig') continue;
    const subject = `sha256:${m[1]}`;
    if (wanted.has(subject)) out.push({ via: 'cosign-tag', name: tag, subject });
  }
  for (const r of referrers)
    if (wanted.has(r.subject) && isSignatureType(r.artifactType))
      out.push({ via: 'referrer', name: r.digest, subject: r.subject });
  return out;
}
