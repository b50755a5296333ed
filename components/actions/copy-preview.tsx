import { Badge } from '@/components/ui/badge';

import type { CopyPreview } from './api';
import { IndexJson } from './index-json';
import { TargetBadge } from './target-row';

/** What a copy will do, shown before it runs: the destination and what it holds, the list's digest, entries kept and left out, the new list's JSON. */
export function CopyPreviewView({ preview }: { preview: CopyPreview }) {
  return (
    <div className="flex flex-col gap-3" data-testid="copy-preview">
      <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[9rem_1fr]">
        <dt className="text-zinc-500 dark:text-zinc-400">Destination</dt>
        <dd className="flex flex-wrap items-center gap-2">
          <code className="font-mono break-all">{preview.destination.reference}</code>
          <TargetBadge
            target={preview.destination}
            unchangedText="already holds it"
            movedText="replaces"
          />
        </dd>
        <dt className="text-zinc-500 dark:text-zinc-400">
          {preview.whole ? 'Copied as is' : 'New list'}
        </dt>
        <dd>
          <code className="font-mono break-all" data-testid="copy-index-digest">
            {preview.index.digest}
          </code>
          <span className="ml-2 text-xs text-zinc-500 dark:text-zinc-400">
            {preview.whole
              ? '(same digest as the source)'
              : `(${preview.index.size} bytes, ${preview.index.mediaType})`}
          </span>
        </dd>
        {preview.entries.length ? (
          <>
            <dt className="text-zinc-500 dark:text-zinc-400">Entries</dt>
            <dd>
              <ul className="flex flex-wrap gap-1.5">
                {preview.entries.map((e) => (
                  <li key={e.digest}>
                    <Badge tone={e.attestation ? 'neutral' : 'blue'} title={e.digest}>
                      {e.label}
                    </Badge>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        {preview.removed.length ? (
          <>
            <dt className="text-zinc-500 dark:text-zinc-400">Left out</dt>
            <dd className="text-zinc-600 dark:text-zinc-400">
              {preview.removed.map((e) => e.label).join(', ')}
            </dd>
          </>
        ) : null}
      </dl>
      {!preview.whole ? <IndexJson json={preview.index.json} /> : null}
    </div>
  );
}
