/**
 * Repositories as people release them, for the coverage tests: a multi-platform tag next to the
 * per-architecture tags it was assembled from (`1.0-amd64`), and cosign's signature, attestation
 * and SBOM tags (`sha256-<digest>.sig/.att/.sbom`). Only the tags people release are coverage:
 * of these repositories, only `<namespace>/gap` really lacks linux/arm64 (its 1.0 predates it).
 */
import {
  AMD64,
  ARM64,
  attestation,
  tinyImage,
  type CoverageRepoPlan,
  type CoverageTagPlan,
} from './seed-coverage';
import { dockerList, ociIndex, type ManifestNode } from './seed-builders';

const BOTH = ['linux/amd64', 'linux/arm64'];

function tag(name: string, node: ManifestNode, platforms: string[]): CoverageTagPlan {
  return { tag: name, node, platforms, broken: [] };
}

/** Returns cosign's tag for what refers to `subject`: `sha256-<hex>.<suffix>`. */
export function cosignTag(subject: ManifestNode, suffix: 'sig' | 'att' | 'sbom'): string {
  return `${subject.digest.replace(':', '-')}.${suffix}`;
}

/** Returns the released-tags plan; `released` on each repository lists the tags a scan must judge. */
export function buildReleasedPlan(
  namespace: string,
): (CoverageRepoPlan & { released: string[] })[] {
  const amd64 = tinyImage('oci', AMD64);
  const arm64 = tinyImage('oci', ARM64);
  const index = ociIndex([
    { node: amd64 },
    { node: arm64 },
    attestation(amd64),
    attestation(arm64),
  ]);
  // Signatures and SBOMs are images without a platform of their own.
  const signature = attestation(tinyImage('oci', AMD64, '2026-02-01T00:00:00Z')).node;
  const provenance = attestation(tinyImage('oci', ARM64, '2026-02-01T00:00:00Z')).node;
  const amd64d = tinyImage('docker', AMD64, '2026-03-01T00:00:00Z');
  const list = dockerList([amd64d, tinyImage('docker', ARM64, '2026-03-01T00:00:00Z')]);
  const older = tinyImage('docker', AMD64, '2025-01-01T00:00:00Z');
  return [
    {
      repository: `${namespace}/gap`,
      kind: 'list',
      deleteAfter: [],
      tags: [
        tag('1.0', older, ['linux/amd64']),
        tag('2.0', list, BOTH),
        tag('2.0-amd64', amd64d, ['linux/amd64']),
      ],
      released: ['1.0', '2.0'],
    },
    {
      repository: `${namespace}/signed`,
      kind: 'attested',
      deleteAfter: [],
      tags: [
        tag('1.0', index, BOTH),
        tag('1.0-amd64', amd64, ['linux/amd64']),
        tag('1.0-arm64', arm64, ['linux/arm64']),
        tag(cosignTag(index, 'sig'), signature, []),
        tag(cosignTag(index, 'att'), provenance, []),
      ],
      released: ['1.0'],
    },
    {
      repository: `${namespace}/sbom`,
      kind: 'list',
      deleteAfter: [],
      tags: [tag('latest', list, BOTH), tag(cosignTag(list, 'sbom'), signature, [])],
      released: ['latest'],
    },
  ];
}
