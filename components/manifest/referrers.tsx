import Link from 'next/link';

import { Badge } from '@/components/ui/badge';
import { formatBytes } from '@/lib/format';
import { toPublicError } from '@/lib/errors';
import { imagePath } from '@/lib/paths';
import { shortDigest, type InspectedManifest, type InspectResult } from '@/lib/registry';
import { getRegistryClient } from '@/lib/server/registry';

import { cosignTagsByDigest, fallbackTag, type CosignKind } from './cosign';
import { platformLabel } from './platform-chip';

const TAG_PAGES = 5;

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

/** Returns the repository's tags (at most 5 pages): cosign keeps signatures under tags, not referrers. */
async function repositoryTags(repo: { registry: string; repository: string }): Promise<string[]> {
  const client = getRegistryClient();
  const tags: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < TAG_PAGES; page++) {
    const res = await client.listTags(repo, { n: 1000, ...(cursor ? { cursor } : {}) });
    tags.push(...res.tags);
    cursor = res.next;
    if (!cursor) break;
  }
  return tags;
}

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

/**
 * Signatures, SBOMs and attestations that refer to this manifest or its platforms: from the OCI
 * referrers API or its fallback tag (`sha256-<hex>`, kept by tools on registries without the API),
 * and from cosign's own tags (`sha256-<hex>.sig`, `.att`, `.sbom`). Says in words where it looked.
 */
export async function Referrers({ result }: { result: InspectResult }) {
  const client = getRegistryClient();
  const repo = { registry: result.registry, repository: result.repository };
  const [found, tags] = await Promise.all([
    Promise.all(
      targetsOf(result).map(async (t) => {
        try {
          return { ...t, referrers: await client.referrers(repo, t.digest), error: undefined };
        } catch (err) {
          return { ...t, referrers: [], error: toPublicError(err).message };
        }
      }),
    ),
    repositoryTags(repo).catch(() => undefined),
  ]);
  const cosign = cosignTagsByDigest(tags ?? []);
  const tagSet = new Set(tags ?? []);
  const viaFallback = found.filter((f) => tagSet.has(fallbackTag(f.digest)));
  const total = found.reduce(
    (n, f) => n + f.referrers.length + (cosign.get(f.digest)?.length ?? 0),
    0,
  );
  const link = 'font-mono text-xs text-sky-700 hover:underline dark:text-sky-400';
  return (
    <div className="flex flex-col gap-3" data-testid="referrers">
      <p className="text-sm">
        {total === 0
          ? 'Nothing refers to this manifest or its platforms: no signatures, SBOMs or attestations.'
          : `${total} referrer${total === 1 ? '' : 's'} found.`}
      </p>
      <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="referrers-how">
        {viaFallback.length
          ? `This registry has no referrers API, so tools keep each manifest’s referrers in an index under a fallback tag named after its digest (${fallbackTag(viaFallback[0]!.digest).slice(0, 19)}…); Manifold read ${viaFallback.length === 1 ? 'that tag' : `those ${viaFallback.length} tags`}.`
          : 'Manifold asked the registry’s referrers API for each digest; where a registry has none, it looks for the fallback tag named after the digest (sha256-<hex>) instead.'}{' '}
        {tags === undefined
          ? 'The tag list could not be read, so cosign’s tags were not checked.'
          : 'It also checked the tags cosign uses: sha256-<hex>.sig, .att and .sbom.'}
      </p>
      {found
        .filter((f) => f.referrers.length > 0 || f.error || cosign.has(f.digest))
        .map((f) => (
          <section
            key={f.digest}
            data-testid="referrers-for"
            className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800"
          >
            <h3 className="text-sm font-semibold">For {f.label}</h3>
            {f.error ? <p className="text-sm text-red-700 dark:text-red-400">{f.error}</p> : null}
            <ul className="mt-2 flex flex-col gap-1">
              {f.referrers.map((r) => (
                <li key={r.digest} className="flex flex-wrap items-center gap-2 text-sm">
                  <Badge tone="green">{kindOf(r.artifactType)}</Badge>
                  <code className="font-mono text-xs break-all">
                    {r.artifactType ?? r.mediaType}
                  </code>
                  <Link
                    href={imagePath(result.registry, result.repository, r.digest)}
                    className={link}
                    title={r.digest}
                  >
                    {shortDigest(r.digest)}
                  </Link>
                  <span className="text-xs text-zinc-500 dark:text-zinc-400">
                    {formatBytes(r.size)}
                  </span>
                </li>
              ))}
              {(cosign.get(f.digest) ?? []).map((c) => (
                <li key={c.tag} className="flex flex-wrap items-center gap-2 text-sm">
                  <Badge tone="green">{c.kind}</Badge>
                  <span className="text-xs">
                    {COSIGN_WORDS[c.kind]}, by cosign’s tag convention:
                  </span>
                  <Link
                    href={imagePath(result.registry, result.repository, c.tag)}
                    className={`${link} break-all`}
                  >
                    :{c.tag.slice(0, 19)}….{c.tag.split('.').at(-1)}
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        ))}
    </div>
  );
}
