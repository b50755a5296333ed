import { Card } from '@/components/ui/card';
import { CopyButton } from '@/components/ui/copy-button';
import { formatBytes, formatDate } from '@/lib/format';
import type { InspectedManifest } from '@/lib/registry';

import { ArtifactDetails } from './artifact-details';
import { BlobList, Field, KeyValueTable, Mono } from './detail-parts';
import { platformLabel } from './platform-chip';

/** Splits `KEY=value` env entries into pairs. */
export function envPairs(env: string[] | undefined | null): Array<[string, string]> {
  return (env ?? []).map((e) => {
    const i = e.indexOf('=');
    return i === -1 ? [e, ''] : [e.slice(0, i), e.slice(i + 1)];
  });
}

type ImageConfig = InspectedManifest['config'];

function configPlatform(image: InspectedManifest, cfg: ImageConfig) {
  return (
    image.platform ??
    (cfg?.os && cfg.architecture
      ? {
          os: cfg.os,
          architecture: cfg.architecture,
          ...(cfg.variant ? { variant: cfg.variant } : {}),
        }
      : undefined)
  );
}

/** The image config's facts: digest, created, author, platform, how it runs, the config blob. */
function ConfigCard({ image }: { image: InspectedManifest }) {
  const cfg = image.config;
  const c = cfg?.config;
  return (
    <Card
      title={
        <>
          Config · <span className="font-mono">{platformLabel(configPlatform(image, cfg))}</span>
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
  );
}

function HistoryCard({ history }: { history: NonNullable<ImageConfig>['history'] }) {
  return (
    <Card title="History">
      <ol className="flex flex-col gap-1 text-sm" aria-label="History">
        {(history ?? []).map((h, i) => (
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
            <code className="block font-mono text-xs break-all">{h.created_by ?? '—'}</code>
            {h.comment ? (
              <span
                className="block text-xs text-zinc-500 dark:text-zinc-400"
                data-testid="history-comment"
              >
                {h.comment}
              </span>
            ) : null}
          </li>
        ))}
        {(history ?? []).length === 0 ? (
          <li className="text-zinc-500 dark:text-zinc-400">No history recorded.</li>
        ) : null}
      </ol>
    </Card>
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
      <ConfigCard image={image} />
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
      <HistoryCard history={cfg?.history} />
      <Card title="Annotations">
        <KeyValueTable label="Annotations" entries={Object.entries(image.annotations ?? {})} />
      </Card>
    </div>
  );
}
