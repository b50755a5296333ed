import type { ReactNode } from 'react';

import { Breakable } from '@/components/ui/breakable';

import { formatBytes } from '@/lib/format';
import type { LayerInfo } from '@/lib/registry';

/** One fact of a detail card: its name and value ('—' when missing). */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="contents">
      <dt className="font-medium text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="min-w-0 break-words">{children ?? '—'}</dd>
    </div>
  );
}

/** A value in monospace (a list as JSON), or '—' when there is none. */
export function Mono({ value }: { value: string | string[] | undefined | null }) {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0))
    return <>—</>;
  return (
    <code className="font-mono text-xs break-all">
      {Array.isArray(value) ? JSON.stringify(value) : value}
    </code>
  );
}

/** Keys and values (environment, labels, annotations) as a table, or 'None.' */
export function KeyValueTable({
  label,
  entries,
}: {
  label: string;
  entries: Array<[string, string]>;
}) {
  if (entries.length === 0)
    return <p className="text-sm text-zinc-500 dark:text-zinc-400">None.</p>;
  return (
    <table className="w-full text-left text-sm" aria-label={label}>
      <tbody>
        {entries.map(([k, v]) => (
          <tr key={k} className="border-t border-zinc-200 first:border-t-0 dark:border-zinc-800">
            <th
              scope="row"
              className="w-1/3 py-1.5 pr-3 align-top font-mono text-xs font-medium break-words"
            >
              <Breakable text={k} after={/(?<=[./])/} />
            </th>
            <td className="py-1.5 font-mono text-xs break-all">{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Numbered blobs (layers) with media type and size; `name` says what each line is called. */
export function BlobList({
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
