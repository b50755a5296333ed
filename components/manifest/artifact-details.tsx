import Link from 'next/link';

import { Card } from '@/components/ui/card';
import { CopyButton } from '@/components/ui/copy-button';
import { formatBytes, formatDate } from '@/lib/format';
import type { InspectedManifest } from '@/lib/registry';

import { BlobList, Field, KeyValueTable, Mono } from './detail-parts';

/** An OCI artifact: what it is, what it refers to, and its blobs; no container config to show. */
export function ArtifactDetails({
  image,
  subjectHref,
}: {
  image: InspectedManifest;
  subjectHref?: string | undefined;
}) {
  const blobs = image.layers ?? [];
  return (
    <div className="flex flex-col gap-4" data-testid="artifact-details">
      <Card title="Artifact">
        <dl className="grid grid-cols-1 gap-x-6 gap-y-1.5 text-sm sm:grid-cols-[10rem_1fr]">
          <Field label="Digest">
            <span className="flex flex-wrap items-center gap-2">
              <Mono value={image.digest} /> <CopyButton text={image.digest} />
            </span>
          </Field>
          <Field label="Artifact type">
            <Mono value={image.artifactType} />
          </Field>
          <Field label="Config">
            {image.configDescriptor ? (
              <>
                <Mono value={image.configDescriptor.mediaType} /> ·{' '}
                {formatBytes(image.configDescriptor.size)}
              </>
            ) : (
              '—'
            )}
          </Field>
          <Field label="Refers to">
            {image.subject && subjectHref ? (
              <Link
                href={subjectHref}
                className="font-mono text-xs break-all text-sky-700 hover:underline dark:text-sky-400"
              >
                {image.subject.digest}
              </Link>
            ) : image.subject ? (
              <Mono value={image.subject.digest} />
            ) : (
              '—'
            )}
          </Field>
          <Field label="Created">
            {formatDate(image.annotations?.['org.opencontainers.image.created'])}
          </Field>
        </dl>
      </Card>
      <Card
        title={`Blobs (${blobs.length}, ${formatBytes(blobs.reduce((n, l) => n + l.size, 0))})`}
      >
        <BlobList
          label="Blobs"
          blobs={blobs}
          name={(l) => l.annotations?.['org.opencontainers.image.title'] ?? l.digest}
        />
      </Card>
      <Card title="Annotations">
        <KeyValueTable label="Annotations" entries={Object.entries(image.annotations ?? {})} />
      </Card>
    </div>
  );
}
