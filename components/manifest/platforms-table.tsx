import Link from 'next/link';

import { RemovePlatformButton } from '@/components/actions/remove-platform';
import type { ActionPlatform } from '@/components/actions/types';
import { Badge } from '@/components/ui/badge';
import { hintFor } from '@/lib/errors';
import { formatBytes, formatDate } from '@/lib/format';
import { imagePath } from '@/lib/paths';
import { shortDigest, type InspectedManifest, type InspectResult } from '@/lib/registry';

import { attestsWhat } from '@/lib/browse/attestation';
import { platformLabel } from './platform-chip';

const TYPE_NAMES: Record<string, string> = {
  'application/vnd.docker.distribution.manifest.v2+json': 'Docker image',
  'application/vnd.docker.distribution.manifest.list.v2+json': 'Docker list',
  'application/vnd.oci.image.manifest.v1+json': 'OCI image',
  'application/vnd.oci.image.index.v1+json': 'OCI index',
};

/** Which optional columns the table shows: only those some entry has a value for. */
interface Columns {
  osVersion: boolean;
  features: boolean;
}

function columnsOf(entries: InspectedManifest[]): Columns {
  const all = (ms: InspectedManifest[]): InspectedManifest[] =>
    ms.flatMap((m) => [m, ...all(m.manifests ?? [])]);
  const flat = all(entries);
  return {
    osVersion: flat.some((m) => m.platform?.['os.version']),
    features: flat.some((m) => m.platform?.['os.features']?.length || m.platform?.features?.length),
  };
}

/** What the page needs to offer "Remove this platform from the list" on a broken row. */
export interface RemoveContext {
  registry: string;
  repository: string;
  tag: string;
  listDigest: string;
  platforms: ActionPlatform[];
  insecure: boolean;
}

/** Returns a child's failure in words: a child missing from the repository is said to be deleted. */
function childProblem(m: InspectedManifest): string {
  const code = m.error?.code ?? '';
  if (code === 'MANIFEST_UNKNOWN' || code === 'BLOB_UNKNOWN' || code === 'NOT_FOUND')
    return `This image was deleted from the repository: the registry no longer has ${shortDigest(m.digest)}, so this entry cannot be pulled.`;
  return `The registry could not serve this image (${code}). ${hintFor(code) ?? ''}`.trim();
}

function PlatformCell({
  m,
  result,
  remove,
}: {
  m: InspectedManifest;
  result: InspectResult;
  remove: RemoveContext | undefined;
}) {
  const label =
    m.kind === 'artifact' ? `artifact ${m.artifactType ?? ''}` : platformLabel(m.platform);
  const base = imagePath(result.registry, result.repository, result.tag ?? result.digest);
  const listRef = result.tag ?? result.digest;
  return (
    <>
      <div className="flex flex-wrap items-center gap-1.5">
        {m.kind === 'index' ? <Badge tone="violet">nested index</Badge> : null}
        {m.repeated ? <Badge>repeated: expanded above</Badge> : null}
        {m.kind === 'artifact' ? <Badge tone="amber">artifact</Badge> : null}
        {m.kind !== 'index' && !m.error ? (
          <Link
            href={`${base}?tab=details&platform=${encodeURIComponent(m.digest)}`}
            className="font-mono font-medium text-sky-700 hover:underline dark:text-sky-400"
          >
            {label}
          </Link>
        ) : (
          <span className="font-mono font-medium">{label}</span>
        )}
        {(m.attestations ?? []).map((a) => (
          <Link
            key={a.digest}
            href={`${imagePath(result.registry, result.repository, a.digest)}?list=${encodeURIComponent(listRef)}`}
            title={`Attestation manifest ${a.digest} (${formatBytes(a.totalSize ?? a.size)})`}
            aria-label={`attestation · ${attestsWhat(a)} for ${label}`}
            className="rounded-md hover:underline focus-visible:underline"
          >
            <Badge tone="green">attestation · {attestsWhat(a)}</Badge>
          </Link>
        ))}
      </div>
      {m.error ? (
        <div className="mt-1 flex flex-col items-start gap-1.5" data-testid="row-error">
          <p className="text-xs text-red-800 dark:text-red-300">{childProblem(m)}</p>
          {remove && m.error.code === 'MANIFEST_UNKNOWN' ? (
            <RemovePlatformButton
              {...remove}
              platform={m.digest}
              label="Remove this platform from the list"
            />
          ) : null}
        </div>
      ) : null}
    </>
  );
}

function Row({
  m,
  result,
  depth,
  remove,
  cols,
}: {
  m: InspectedManifest;
  result: InspectResult;
  depth: number;
  remove: RemoveContext | undefined;
  cols: Columns;
}) {
  const p = m.platform;
  const cell = 'px-3 py-2';
  return (
    <>
      <tr
        className={`border-t border-zinc-200 align-top dark:border-zinc-800 ${m.error ? 'bg-red-50 dark:bg-red-950/40' : ''}`}
        data-testid="platform-row"
        data-platform={p ? platformLabel(p) : ''}
      >
        <td className={cell} style={{ paddingLeft: `${0.75 + depth * 1.25}rem` }}>
          {/* Only top-level entries can be removed from the list in place. */}
          <PlatformCell m={m} result={result} remove={depth === 0 ? remove : undefined} />
        </td>
        {cols.osVersion ? (
          <td className={`${cell} font-mono whitespace-nowrap`}>{p?.['os.version'] ?? ''}</td>
        ) : null}
        {cols.features ? (
          <td className={`${cell} font-mono text-xs`} data-testid="platform-features">
            {p?.['os.features']?.length ? (
              <span className="block">os.features: {p['os.features'].join(', ')}</span>
            ) : null}
            {p?.features?.length ? (
              <span className="block">features: {p.features.join(', ')}</span>
            ) : null}
          </td>
        ) : null}
        <td className={cell}>
          <Link
            href={imagePath(result.registry, result.repository, m.digest)}
            className="font-mono text-xs whitespace-nowrap text-sky-700 hover:underline dark:text-sky-400"
            title={m.digest}
          >
            {shortDigest(m.digest)}
          </Link>
        </td>
        <td className={`${cell} text-xs whitespace-nowrap`} title={m.mediaType}>
          {TYPE_NAMES[m.mediaType] ?? <span className="font-mono break-all">{m.mediaType}</span>}
        </td>
        <td className={`${cell} text-right whitespace-nowrap`}>
          {formatBytes(m.totalSize ?? m.size)}
        </td>
        <td className={`${cell} whitespace-nowrap`}>{formatDate(m.config?.created)}</td>
      </tr>
      {m.kind === 'index'
        ? (m.manifests ?? []).map((c) => (
            <Row
              key={c.digest}
              m={c}
              result={result}
              depth={depth + 1}
              remove={undefined}
              cols={cols}
            />
          ))
        : null}
    </>
  );
}

/**
 * Every entry of a list: platform (attestations beside the image they describe, each a link),
 * os.version, features, digest, type, size, created. A child that cannot be read keeps its row
 * and says why in words, with the way to drop it from the list when it was deleted.
 */
export function PlatformsTable({
  result,
  remove,
}: {
  result: InspectResult;
  remove?: RemoveContext | undefined;
}) {
  const entries = result.manifests ?? [];
  const head = 'px-3 py-2 font-medium';
  const cols = columnsOf(entries);
  const count = 5 + (cols.osVersion ? 1 : 0) + (cols.features ? 1 : 0);
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table className="w-full min-w-[36rem] text-left text-sm" aria-label="Platforms">
        <thead className="bg-zinc-50 text-xs text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400">
          <tr>
            <th className={head}>Platform</th>
            {cols.osVersion ? <th className={`${head} whitespace-nowrap`}>OS version</th> : null}
            {cols.features ? <th className={head}>Features</th> : null}
            <th className={head}>Digest</th>
            <th className={head}>Type</th>
            <th className={`${head} text-right`}>Size</th>
            <th className={head}>Created</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((m) => (
            <Row key={m.digest} m={m} result={result} depth={0} remove={remove} cols={cols} />
          ))}
          {(result.orphanAttestations ?? []).map((a) => (
            <tr key={a.digest} className="border-t border-zinc-200 dark:border-zinc-800">
              <td className="px-3 py-2" colSpan={count}>
                <Link
                  href={imagePath(result.registry, result.repository, a.digest)}
                  className="hover:underline"
                >
                  <Badge tone="green">attestation · {attestsWhat(a)}</Badge>
                </Link>{' '}
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
