import Link from 'next/link';

import { CopyButton } from '@/components/ui/copy-button';
import { Badge } from '@/components/ui/badge';
import { formatBytes, formatDate } from '@/lib/format';
import type { InspectResult } from '@/lib/registry';

import { imagePath } from '@/lib/paths';

import type { AttestationContext } from '@/lib/server/attestation-context';
import { AttestationOf } from './attestation-details';
import { parseCosignTag } from './cosign';
import { platformLabel } from './platform-chip';

const formatNames: Record<InspectResult['format'], string> = {
  'docker-list': 'Docker manifest list',
  'oci-index': 'OCI image index',
  'docker-image': 'Docker image',
  'oci-image': 'OCI image',
  artifact: 'OCI artifact',
};

/** Counts the runnable platforms of a list, nested indexes included. */
export function platformCount(result: InspectResult): number {
  const count = (ms: InspectResult['manifests']): number =>
    (ms ?? []).reduce(
      (n, m) =>
        n + (m.kind === 'index' ? count(m.manifests) : m.platform || m.kind === 'image' ? 1 : 0),
      0,
    );
  return result.kind === 'index' ? count(result.manifests) : 1;
}

function Copyable({ value, testId }: { value: string; testId: string }) {
  return (
    <span className="flex items-center gap-2 break-all">
      <code className="font-mono" data-testid={testId}>
        {value}
      </code>
      <CopyButton text={value} />
    </span>
  );
}

function PlatformValue({
  result,
  attestation,
}: {
  result: InspectResult;
  attestation: AttestationContext | undefined;
}) {
  if (attestation) return <AttestationOf attestation={attestation} />;
  if (result.kind === 'index')
    return <span data-testid="platform-count">{platformCount(result)}</span>;
  return <span className="font-mono">{platformLabel(result.platform)}</span>;
}

/** What an artifact (or a cosign tag) refers to, linked. */
function RefersTo({
  result,
  subject,
  cosignKind,
}: {
  result: InspectResult;
  subject: string;
  cosignKind: string | undefined;
}) {
  return (
    <span className="flex flex-wrap items-center gap-x-2">
      {cosignKind ? <span>{cosignKind}, by cosign’s tag convention, of</span> : null}
      <Link
        href={imagePath(result.registry, result.repository, subject)}
        className="font-mono break-all text-sky-700 hover:underline dark:text-sky-400"
        data-testid="refers-to"
      >
        {subject}
      </Link>
    </span>
  );
}

/** The facts of a reference: reference, digest, media type, format, platforms, size, created. */
export function Summary({
  result,
  attestation,
}: {
  result: InspectResult;
  attestation?: AttestationContext | undefined;
}) {
  // Opened by digest, the reference must carry it: without it, a pull would get :latest.
  const reference = `${result.registry}/${result.repository}${result.tag ? `:${result.tag}` : `@${result.digest}`}`;
  const rows: Array<[string, React.ReactNode]> = [
    ['Reference', <Copyable key="r" value={reference} testId="reference" />],
    ['Digest', <Copyable key="d" value={result.digest} testId="digest" />],
    [
      'Media type',
      <code key="m" className="font-mono break-all">
        {result.mediaType}
      </code>,
    ],
    [
      'Format',
      <Badge key="f" tone={result.kind === 'index' ? 'violet' : 'neutral'}>
        {formatNames[result.format]}
      </Badge>,
    ],
    [
      attestation ? 'Attestation' : result.kind === 'index' ? 'Platforms' : 'Platform',
      <PlatformValue key="p" result={result} attestation={attestation} />,
    ],
    [
      'Total size',
      <span key="s" title="Compressed, each shared layer counted once">
        {formatBytes(result.totalSize)}
      </span>,
    ],
    ['Created', formatDate(result.created)],
  ];
  const cosign = result.tag ? parseCosignTag(result.tag) : undefined;
  const subject = result.subject?.digest ?? cosign?.digest;
  if (subject)
    rows.push([
      'Refers to',
      <RefersTo key="s" result={result} subject={subject} cosignKind={cosign?.kind} />,
    ]);
  if (result.artifactType)
    rows.push([
      'Artifact type',
      <code key="a" className="font-mono">
        {result.artifactType}
      </code>,
    ]);
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="font-medium text-zinc-500 dark:text-zinc-400">{k}</dt>
          <dd className="min-w-0">{v}</dd>
        </div>
      ))}
    </dl>
  );
}
