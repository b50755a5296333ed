import Link from 'next/link';

import { Badge } from '@/components/ui/badge';
import { formatBytes } from '@/lib/format';
import { imagePath } from '@/lib/paths';
import {
  shortDigest,
  type Descriptor,
  type InspectedManifest,
  type InspectResult,
} from '@/lib/registry';
import { findReferrers, tagDigests } from '@/lib/server/referrers';

import { cosignTagsByDigest, fallbackTag, type CosignKind } from './cosign';
import { platformLabel } from './platform-chip';

const LINK = 'font-mono text-xs text-sky-700 hover:underline dark:text-sky-400';

function kindOf(artifactType: string | undefined): string {
  const t = artifactType ?? '';
  if (/sig|cosign|notary/i.test(t)) return 'signature';
  if (/sbom|spdx|cyclonedx/i.test(t)) return 'SBOM';
  if (/in-toto|attest|provenance|slsa/i.test(t)) return 'attestation';
  return 'artifact';
}

const COSIGN_WORDS: Record<CosignKind, string> = {
  signature: 'cosign signature',
  attestations: 'cosign attestations',
  SBOM: 'cosign SBOM',
};

/** Every image of the list, nested indexes included: signatures usually point at the platform images. */
function targetsOf(result: InspectResult): Array<{ digest: string; label: string }> {
  const flat = (ms: InspectedManifest[]): InspectedManifest[] =>
    ms.flatMap((m) => (m.kind === 'index' ? [m, ...flat(m.manifests ?? [])] : [m]));
  return [
    { digest: result.digest, label: 'this manifest' },
    ...flat(result.manifests ?? [])
      .filter((m) => !m.error)
      .map((m) => ({
        digest: m.digest,
        label:
          m.kind === 'index'
            ? `nested index ${shortDigest(m.digest)}`
            : m.platform
              ? platformLabel(m.platform)
              : shortDigest(m.digest),
      })),
  ];
}

/** Where Manifold looked, in words: the referrers API or its fallback tags, and cosign's tags. */
function HowFound({ viaFallback, tags }: { viaFallback: string[]; tags: string[] | undefined }) {
  return (
    <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="referrers-how">
      {viaFallback.length
        ? `This registry has no referrers API, so tools keep each manifest’s referrers in an index under a fallback tag named after its digest (${fallbackTag(viaFallback[0]!).slice(0, 19)}…); Manifold read ${viaFallback.length === 1 ? 'that tag' : `those ${viaFallback.length} tags`}.`
        : 'Manifold asked the registry’s referrers API for each digest; where a registry has none, it looks for the fallback tag named after the digest (sha256-<hex>) instead.'}{' '}
      {tags === undefined
        ? 'The tag list could not be read, so cosign’s tags were not checked.'
        : 'It also checked the tags cosign uses: sha256-<hex>.sig, .att and .sbom.'}
    </p>
  );
}

/** The referrers of one manifest: each with its kind, type, digest and size, then cosign's tags. */
function ReferrersFor({
  result,
  label,
  error,
  referrers,
  cosign,
}: {
  result: InspectResult;
  label: string;
  error: string | undefined;
  referrers: Descriptor[];
  cosign: Array<{ tag: string; kind: CosignKind }>;
}) {
  return (
    <section
      data-testid="referrers-for"
      className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800"
    >
      <h3 className="text-sm font-semibold">For {label}</h3>
      {error ? <p className="text-sm text-red-700 dark:text-red-400">{error}</p> : null}
      <ul className="mt-2 flex flex-col gap-1">
        {referrers.map((r) => (
          <li key={r.digest} className="flex flex-wrap items-center gap-2 text-sm">
            <Badge tone="green">{kindOf(r.artifactType)}</Badge>
            <code className="font-mono text-xs break-all">{r.artifactType ?? r.mediaType}</code>
            <Link
              href={imagePath(result.registry, result.repository, r.digest)}
              className={LINK}
              title={r.digest}
            >
              {shortDigest(r.digest)}
            </Link>
            <span className="text-xs text-zinc-500 dark:text-zinc-400">{formatBytes(r.size)}</span>
          </li>
        ))}
        {cosign.map((c) => (
          <li key={c.tag} className="flex flex-wrap items-center gap-2 text-sm">
            <Badge tone="green">{c.kind}</Badge>
            <span className="text-xs">{COSIGN_WORDS[c.kind]}, by cosign’s tag convention:</span>
            <Link
              href={imagePath(result.registry, result.repository, c.tag)}
              className={`${LINK} break-all`}
            >
              :{c.tag.slice(0, 19)}….{c.tag.split('.').at(-1)}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

type CosignTags = Map<string, Array<{ tag: string; kind: CosignKind }>>;

/**
 * Returns the cosign tags without those whose manifest the referrers already list: cosign keeps a
 * signature under its `.sig` tag and in the fallback index too, and one signature is one referrer.
 */
async function withoutListed(
  repo: { registry: string; repository: string },
  found: ReadonlyArray<{ target: { digest: string }; referrers: Array<{ digest: string }> }>,
  cosign: CosignTags,
): Promise<CosignTags> {
  const listed = new Map(
    found.map((f) => [f.target.digest, new Set(f.referrers.map((r) => r.digest))]),
  );
  const overlap = [...cosign].flatMap(([subject, list]) =>
    listed.get(subject)?.size ? list.map((c) => c.tag) : [],
  );
  if (overlap.length === 0) return cosign;
  const digests = await tagDigests(repo, overlap);
  return new Map(
    [...cosign].map(([subject, list]) => [
      subject,
      list.filter((c) => !listed.get(subject)?.has(digests.get(c.tag) ?? '')),
    ]),
  );
}

/**
 * Signatures, SBOMs and attestations that refer to this manifest or its platforms: from the OCI
 * referrers API or its fallback tag (`sha256-<hex>`, kept by tools on registries without the API),
 * and from cosign's own tags (`sha256-<hex>.sig`, `.att`, `.sbom`). Says in words where it looked.
 */
export async function Referrers({ result }: { result: InspectResult }) {
  const repo = { registry: result.registry, repository: result.repository };
  const { found, tags } = await findReferrers(repo, targetsOf(result));
  const cosign = await withoutListed(repo, found, cosignTagsByDigest(tags ?? []));
  const tagSet = new Set(tags ?? []);
  const viaFallback = found
    .map((f) => f.target.digest)
    .filter((digest) => tagSet.has(fallbackTag(digest)));
  const total = found.reduce(
    (n, f) => n + f.referrers.length + (cosign.get(f.target.digest)?.length ?? 0),
    0,
  );
  return (
    <div className="flex flex-col gap-3" data-testid="referrers">
      <p className="text-sm">
        {total === 0
          ? 'Nothing refers to this manifest or its platforms: no signatures, SBOMs or attestations.'
          : `${total} referrer${total === 1 ? '' : 's'} found.`}
      </p>
      <HowFound viaFallback={viaFallback} tags={tags} />
      {found
        .filter((f) => f.referrers.length > 0 || f.error || cosign.has(f.target.digest))
        .map((f) => (
          <ReferrersFor
            key={f.target.digest}
            result={result}
            label={f.target.label}
            error={f.error}
            referrers={f.referrers}
            cosign={cosign.get(f.target.digest) ?? []}
          />
        ))}
    </div>
  );
}
