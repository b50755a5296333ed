import Link from 'next/link';

import { Badge } from '@/components/ui/badge';
import { formatBytes } from '@/lib/format';
import { toPublicError } from '@/lib/errors';
import { imagePath } from '@/lib/paths';
import { shortDigest, type InspectedManifest, type InspectResult } from '@/lib/registry';
import { getRegistryClient } from '@/lib/server/registry';

import { platformLabel } from './platform-chip';

function kindOf(artifactType: string | undefined): string {
  const t = artifactType ?? '';
  if (/sig|cosign|notary/i.test(t)) return 'signature';
  if (/sbom|spdx|cyclonedx/i.test(t)) return 'SBOM';
  if (/in-toto|attest|provenance|slsa/i.test(t)) return 'attestation';
  return 'artifact';
}

/** Signatures, SBOMs and attestations that refer to this manifest (referrers API, tag-schema fallback). */
export async function Referrers({ result }: { result: InspectResult }) {
  // Every image of the list, nested indexes included: signatures usually point at the platform images.
  const flat = (ms: InspectedManifest[]): InspectedManifest[] =>
    ms.flatMap((m) => (m.kind === 'index' ? [m, ...flat(m.manifests ?? [])] : [m]));
  const targets = [
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
  const client = getRegistryClient();
  const repo = { registry: result.registry, repository: result.repository };
  const found = await Promise.all(
    targets.map(async (t) => {
      try {
        return { ...t, referrers: await client.referrers(repo, t.digest), error: undefined };
      } catch (err) {
        return { ...t, referrers: [], error: toPublicError(err).message };
      }
    }),
  );
  const total = found.reduce((n, f) => n + f.referrers.length, 0);
  return (
    <div className="flex flex-col gap-3" data-testid="referrers">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {total === 0
          ? 'No signatures, SBOMs or attestations refer to this manifest or its platforms (checked the referrers API and the sha256-<digest> tag fallback).'
          : `${total} referrer${total === 1 ? '' : 's'} found.`}
      </p>
      {found
        .filter((f) => f.referrers.length > 0 || f.error)
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
                    className="font-mono text-xs text-sky-700 hover:underline dark:text-sky-400"
                    title={r.digest}
                  >
                    {shortDigest(r.digest)}
                  </Link>
                  <span className="text-xs text-zinc-500">{formatBytes(r.size)}</span>
                </li>
              ))}
            </ul>
          </section>
        ))}
    </div>
  );
}
