import Link from 'next/link';
import type { ReactNode } from 'react';

import { Card } from '@/components/ui/card';
import { CopyButton } from '@/components/ui/copy-button';
import { formatBytes, formatDate } from '@/lib/format';
import type { InspectedManifest, LayerInfo } from '@/lib/registry';

import { platformLabel } from './platform-chip';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="contents">
      <dt className="font-medium text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="min-w-0 break-words">{children ?? '—'}</dd>
    </div>
  );
}

function Mono({ value }: { value: string | string[] | undefined | null }) {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0))
    return <>—</>;
  return (
    <code className="font-mono text-xs break-all">
      {Array.isArray(value) ? JSON.stringify(value) : value}
    </code>
  );
}

function KeyValueTable({ label, entries }: { label: string; entries: Array<[string, string]> }) {
  if (entries.length === 0)
    return <p className="text-sm text-zinc-500 dark:text-zinc-400">None.</p>;
  return (
    <table className="w-full text-left text-sm" aria-label={label}>
      <tbody>
        {entries.map(([k, v]) => (
          <tr key={k} className="border-t border-zinc-200 first:border-t-0 dark:border-zinc-800">
            <th
              scope="row"
              className="w-1/3 py-1.5 pr-3 align-top font-mono text-xs font-medium break-all"
            >
              {k}
            </th>
            <td className="py-1.5 font-mono text-xs break-all">{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Splits `KEY=value` env entries into pairs. */
export function envPairs(env: string[] | undefined | null): Array<[string, string]> {
  return (env ?? []).map((e) => {
    const i = e.indexOf('=');
    return i === -1 ? [e, ''] : [e.slice(0, i), e.slice(i + 1)];
  });
}

/** Numbered blobs (layers) with media type and size; `name` says what each line is called. */
function BlobList({
  label,
  blobs,
  name,
}: {
  label: string;
  blobs: LayerInfo[];
  name: (blob: LayerInfo) => string;
}) {
  return (
    <ol className="flex flex-col gap-1 text-sm" aria-label={label}>
      {blobs.map((l, i) => (
        <li
          key={`${l.digest}-${i}`}
          className="flex flex-wrap items-center justify-between gap-2 border-t border-zinc-200 pt-1 first:border-t-0 dark:border-zinc-800"
        >
          <span className="font-mono text-xs break-all">
            {i + 1}. {name(l)}
          </span>
          <span className="text-xs text-zinc-500 dark:text-zinc-400">
            {l.mediaType} · {formatBytes(l.size)}
          </span>
        </li>
      ))}
    </ol>
  );
}

/** An OCI artifact: what it is, what it refers to, and its blobs; no container config to show. */
function ArtifactDetails({
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

/** Config, layers, history and annotations of one image. */
export function ImageDetails({
  image,
  subjectHref,
}: {
  image: InspectedManifest;
  /** The page of the manifest this one refers to (its `subject`). */
  subjectHref?: string | undefined;
}) {
  if (image.kind === 'artifact' && !image.config)
    return <ArtifactDetails image={image} subjectHref={subjectHref} />;
  const cfg = image.config;
  const c = cfg?.config;
  return (
    <div className="flex flex-col gap-4" data-testid="image-details">
      <Card
        title={
          <>
            Config ·{' '}
            <span className="font-mono">
              {platformLabel(
                image.platform ??
                  (cfg?.os && cfg.architecture
                    ? {
                        os: cfg.os,
                        architecture: cfg.architecture,
                        ...(cfg.variant ? { variant: cfg.variant } : {}),
                      }
                    : undefined),
              )}
            </span>
          </>
        }
      >
        {image.error ? (
          <p role="alert" className="mb-3 text-sm text-red-700 dark:text-red-400">
            {image.error.code}: {image.error.message}
          </p>
        ) : null}
        <dl className="grid grid-cols-1 gap-x-6 gap-y-1.5 text-sm sm:grid-cols-[10rem_1fr]">
          <Field label="Digest">
            <span className="flex min-w-0 items-center gap-2">
              <Mono value={image.digest} /> <CopyButton text={image.digest} />
            </span>
          </Field>
          <Field label="Created">{formatDate(cfg?.created ?? undefined)}</Field>
          <Field label="Author">{cfg?.author ?? '—'}</Field>
          <Field label="OS / arch">
            <Mono
              value={
                [cfg?.os, cfg?.architecture, cfg?.variant].filter(Boolean).join('/') || undefined
              }
            />
            {cfg?.['os.version'] ? (
              <span className="ml-2 font-mono text-xs">os.version {cfg['os.version']}</span>
            ) : null}
          </Field>
          <Field label="Entrypoint">
            <Mono value={c?.Entrypoint} />
          </Field>
          <Field label="Cmd">
            <Mono value={c?.Cmd} />
          </Field>
          <Field label="Working dir">
            <Mono value={c?.WorkingDir} />
          </Field>
          <Field label="User">
            <Mono value={c?.User} />
          </Field>
          <Field label="Exposed ports">
            <Mono value={Object.keys(c?.ExposedPorts ?? {})} />
          </Field>
          <Field label="Volumes">
            <Mono value={Object.keys(c?.Volumes ?? {})} />
          </Field>
          <Field label="Stop signal">
            <Mono value={c?.StopSignal} />
          </Field>
          <Field label="Config blob">
            {image.configDescriptor ? (
              <>
                <Mono value={image.configDescriptor.digest} /> ·{' '}
                {formatBytes(image.configDescriptor.size)}
              </>
            ) : (
              '—'
            )}
          </Field>
        </dl>
      </Card>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Environment">
          <KeyValueTable label="Environment" entries={envPairs(c?.Env)} />
        </Card>
        <Card title="Labels">
          <KeyValueTable
            label="Labels"
            entries={Object.entries(c?.Labels ?? {}).sort(([a], [b]) => a.localeCompare(b))}
          />
        </Card>
      </div>
      <Card
        title={`Layers (${image.layers?.length ?? 0}, ${formatBytes((image.layers ?? []).reduce((n, l) => n + l.size, 0))})`}
      >
        <BlobList label="Layers" blobs={image.layers ?? []} name={(l) => l.digest} />
      </Card>
      <Card title="History">
        <ol className="flex flex-col gap-1 text-sm" aria-label="History">
          {(cfg?.history ?? []).map((h, i) => (
            <li
              key={i}
              className="border-t border-zinc-200 pt-1 first:border-t-0 dark:border-zinc-800"
            >
              <span className="text-xs text-zinc-500 dark:text-zinc-400">
                {formatDate(h.created ?? undefined)}
              </span>{' '}
              {h.empty_layer ? (
                <span className="text-xs text-zinc-500 dark:text-zinc-400">(no layer)</span>
              ) : null}
              <code className="block font-mono text-xs break-all">
                {h.created_by ?? h.comment ?? '—'}
              </code>
            </li>
          ))}
          {(cfg?.history ?? []).length === 0 ? (
            <li className="text-zinc-500 dark:text-zinc-400">No history recorded.</li>
          ) : null}
        </ol>
      </Card>
      <Card title="Annotations">
        <KeyValueTable label="Annotations" entries={Object.entries(image.annotations ?? {})} />
      </Card>
    </div>
  );
}
