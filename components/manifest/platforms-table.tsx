import Link from 'next/link';

import { Badge } from '@/components/ui/badge';
import { formatBytes, formatDate } from '@/lib/format';
import { imagePath } from '@/lib/paths';
import { shortDigest, type InspectedManifest, type InspectResult } from '@/lib/registry';

import { platformLabel } from './platform-chip';

function PlatformCells({ p }: { p: InspectedManifest['platform'] }) {
  return (
    <>
      <td className="px-3 py-2 font-mono">{p?.os ?? '—'}</td>
      <td className="px-3 py-2 font-mono">{p?.architecture ?? '—'}</td>
      <td className="px-3 py-2 font-mono">{p?.variant ?? ''}</td>
      <td className="px-3 py-2 font-mono">{p?.['os.version'] ?? ''}</td>
      <td className="px-3 py-2 font-mono text-xs" data-testid="platform-features">
        {p?.['os.features']?.length ? (
          <span className="block">os.features: {p['os.features'].join(', ')}</span>
        ) : null}
        {p?.features?.length ? (
          <span className="block">features: {p.features.join(', ')}</span>
        ) : null}
      </td>
    </>
  );
}

function Row({ m, result, depth }: { m: InspectedManifest; result: InspectResult; depth: number }) {
  const label =
    m.kind === 'artifact' ? `artifact ${m.artifactType ?? ''}` : platformLabel(m.platform);
  const detailsHref = `${imagePath(result.registry, result.repository, result.tag ?? result.digest)}?tab=details&platform=${encodeURIComponent(m.digest)}`;
  return (
    <>
      <tr
        className={`border-t border-zinc-200 align-top dark:border-zinc-800 ${m.error ? 'bg-red-50 dark:bg-red-950/40' : ''}`}
        data-testid="platform-row"
        data-platform={m.platform ? platformLabel(m.platform) : ''}
      >
        <td className="px-3 py-2" style={{ paddingLeft: `${0.75 + depth * 1.25}rem` }}>
          <div className="flex flex-wrap items-center gap-1.5">
            {m.kind === 'index' ? <Badge tone="violet">nested index</Badge> : null}
            {m.repeated ? <Badge>repeated: expanded above</Badge> : null}
            {m.kind === 'artifact' ? <Badge tone="amber">artifact</Badge> : null}
            {m.kind !== 'index' && !m.error ? (
              <Link
                href={detailsHref}
                className="font-mono font-medium text-sky-700 hover:underline dark:text-sky-400"
              >
                {label}
              </Link>
            ) : (
              <span className="font-mono font-medium">{label}</span>
            )}
            {(m.attestations ?? []).map((a) => (
              <Badge
                key={a.digest}
                tone="green"
                title={`Attestation manifest ${a.digest} (${formatBytes(a.totalSize ?? a.size)})`}
              >
                attestation
              </Badge>
            ))}
          </div>
          {m.error ? (
            <p
              className="mt-1 text-xs text-red-800 dark:text-red-300"
              role="status"
              data-testid="row-error"
            >
              <span className="font-semibold">{m.error.code}</span>: {m.error.message}
            </p>
          ) : null}
        </td>
        <PlatformCells p={m.platform} />
        <td className="px-3 py-2">
          <Link
            href={imagePath(result.registry, result.repository, m.digest)}
            className="font-mono text-xs text-sky-700 hover:underline dark:text-sky-400"
            title={m.digest}
          >
            {shortDigest(m.digest)}
          </Link>
        </td>
        <td className="px-3 py-2 font-mono text-xs whitespace-nowrap">{m.mediaType}</td>
        <td className="px-3 py-2 text-right whitespace-nowrap">
          {formatBytes(m.totalSize ?? m.size)}
        </td>
        <td className="px-3 py-2 whitespace-nowrap">{formatDate(m.config?.created)}</td>
      </tr>
      {m.kind === 'index'
        ? (m.manifests ?? []).map((c) => (
            <Row key={c.digest} m={c} result={result} depth={depth + 1} />
          ))
        : null}
    </>
  );
}

/** Every entry of a list: full platform identity, digest, media type, size, created; errors on their own row. */
export function PlatformsTable({ result }: { result: InspectResult }) {
  const entries = result.manifests ?? [];
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table className="w-full min-w-[56rem] text-left text-sm" aria-label="Platforms">
        <thead className="bg-zinc-50 text-xs text-zinc-600 uppercase dark:bg-zinc-900 dark:text-zinc-400">
          <tr>
            <th className="px-3 py-2">Platform</th>
            <th className="px-3 py-2">OS</th>
            <th className="px-3 py-2">Arch</th>
            <th className="px-3 py-2">Variant</th>
            <th className="px-3 py-2">OS version</th>
            <th className="px-3 py-2">Features</th>
            <th className="px-3 py-2">Digest</th>
            <th className="px-3 py-2">Media type</th>
            <th className="px-3 py-2 text-right">Size</th>
            <th className="px-3 py-2">Created</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((m) => (
            <Row key={m.digest} m={m} result={result} depth={0} />
          ))}
          {(result.orphanAttestations ?? []).map((a) => (
            <tr key={a.digest} className="border-t border-zinc-200 dark:border-zinc-800">
              <td className="px-3 py-2" colSpan={10}>
                <Badge tone="green">attestation</Badge>{' '}
                <span className="text-xs text-zinc-600 dark:text-zinc-400">
                  for {a.annotations?.['vnd.docker.reference.digest'] ?? 'an unknown image'}, which
                  is not in this list
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
