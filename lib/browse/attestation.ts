import type { InspectedManifest } from '@/lib/registry';

const IN_TOTO_LAYER = 'application/vnd.in-toto+json';
const PREDICATE_ANNOTATION = 'in-toto.io/predicate-type';

const PREDICATES: Array<[RegExp, string]> = [
  [/^https:\/\/slsa\.dev\/provenance\//, 'SLSA provenance'],
  [/^https:\/\/spdx\.dev\/Document/, 'SBOM (SPDX)'],
  [/^https:\/\/cyclonedx\.org\/(bom|schema)/, 'SBOM (CycloneDX)'],
  [/^https:\/\/in-toto\.io\/attestation\/vulns/, 'vulnerability scan'],
  [/^https:\/\/in-toto\.io\/attestation\/link/, 'in-toto link'],
  [/^https:\/\/cosign\.sigstore\.dev\/attestation\/vuln/, 'vulnerability scan'],
];

/** Returns a predicate type in words ("SLSA provenance", "SBOM (SPDX)"), or the type itself when unknown. */
export function predicateName(predicateType: string): string {
  return PREDICATES.find(([re]) => re.test(predicateType))?.[1] ?? predicateType;
}

/** Returns the predicate types an attestation manifest declares on its in-toto layers, in order, without repeats. */
export function predicateTypes(m: Pick<InspectedManifest, 'layers'>): string[] {
  const types = (m.layers ?? [])
    .map((l) => l.annotations?.[PREDICATE_ANNOTATION])
    .filter((t): t is string => typeof t === 'string' && t.length > 0);
  return [...new Set(types)];
}

/**
 * Returns true for a BuildKit attestation manifest read on its own (opened by digest): every layer
 * is an in-toto statement. Its config says unknown/unknown, which is not a platform to show.
 */
export function isAttestationManifest(m: Pick<InspectedManifest, 'layers'>): boolean {
  const layers = m.layers ?? [];
  return layers.length > 0 && layers.every((l) => l.mediaType === IN_TOTO_LAYER);
}

/** Returns what an attestation attests, in words: "SBOM (SPDX)", "SLSA provenance and SBOM (SPDX)". */
export function attestsWhat(m: Pick<InspectedManifest, 'layers'>): string {
  const names = [...new Set(predicateTypes(m).map(predicateName))];
  if (names.length === 0) return 'in-toto statements';
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** Returns the list entry an attestation describes (its image) and the attestation entry itself, if the list has it. */
export function findAttested(
  list: Pick<InspectedManifest, 'manifests'>,
  attestationDigest: string,
): { image: InspectedManifest; attestation: InspectedManifest } | undefined {
  for (const m of list.manifests ?? []) {
    const a = m.attestations?.find((x) => x.digest === attestationDigest);
    if (a) return { image: m, attestation: a };
    if (m.kind === 'index') {
      const nested = findAttested(m, attestationDigest);
      if (nested) return nested;
    }
  }
  return undefined;
}
