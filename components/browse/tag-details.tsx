'use client';

import { PlatformChip } from '@/components/manifest/platform-chip';
import { CopyButton } from '@/components/ui/copy-button';
import { pullCommands } from '@/lib/actions/cli-lists';
import type { TagSummary } from '@/lib/browse/tag-summary';
import { formatBytes } from '@/lib/format';
import { platformKey, shortDigest } from '@/lib/registry/pure';

function CommandLine({ tool, line }: { tool: string; line: string }) {
  return (
    <li className="flex min-w-0 items-center gap-2">
      <code className="min-w-0 flex-1 rounded bg-zinc-100 px-2 py-1 font-mono text-xs break-all dark:bg-zinc-950">
        {line}
      </code>
      <CopyButton text={line} label={`Copy ${tool} pull`} />
    </li>
  );
}

/**
 * What a row shows on request: the pull commands of the tag, each platform image's digest (to
 * pull exactly that image) and size, and where the source lives.
 */
export function TagDetails({
  host,
  repository,
  tag,
  summary,
}: {
  host: string;
  repository: string;
  tag: string;
  summary: TagSummary;
}) {
  const ref = `${host}/${repository}:${tag}`;
  const images = summary.images ?? [];
  return (
    <div
      className="mt-2 flex min-w-0 flex-col gap-3 rounded-md border border-zinc-200 p-3 text-sm dark:border-zinc-800"
      data-testid="tag-details"
    >
      <section aria-label={`Pull ${tag}`} className="flex flex-col gap-1">
        <h4 className="text-xs font-semibold text-zinc-600 dark:text-zinc-400">Pull this tag</h4>
        <ul className="flex flex-col gap-1">
          {pullCommands(ref).map((c) => (
            <CommandLine key={c.tool} tool={c.tool} line={c.lines[0] ?? ''} />
          ))}
        </ul>
      </section>
      {images.length ? (
        <section aria-label={`Images of ${tag}`} className="flex flex-col gap-1">
          <h4 className="text-xs font-semibold text-zinc-600 dark:text-zinc-400">
            Per platform: pull by digest
          </h4>
          <ul className="flex flex-col gap-1.5">
            {images.map((img) => {
              const pinned = `${host}/${repository}@${img.digest}`;
              return (
                <li
                  key={`${platformKey(img.platform)}-${img.digest}`}
                  className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1"
                  data-testid="tag-image"
                >
                  <PlatformChip platform={img.platform} />
                  <span className="font-mono text-xs" title={img.digest}>
                    {shortDigest(img.digest)}
                  </span>
                  <span className="text-xs text-zinc-600 dark:text-zinc-400">
                    {formatBytes(img.size)}
                  </span>
                  <CopyButton text={pinned} label="Copy pull-by-digest reference" />
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      {summary.source ? (
        <p className="min-w-0 text-xs break-all">
          <span className="text-zinc-600 dark:text-zinc-400">Source: </span>
          <a
            href={summary.source}
            target="_blank"
            rel="noopener noreferrer"
            className="text-sky-700 hover:underline dark:text-sky-400"
          >
            {summary.source}
          </a>
        </p>
      ) : null}
    </div>
  );
}
