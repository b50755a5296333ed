'use client';

import Link from 'next/link';

import { Badge } from '@/components/ui/badge';
import type { TagSummary } from '@/lib/browse/tag-summary';

import { KindBadge } from './kind-badge';
import { TagName } from './tag-name';

/** How a row takes part in the list's selection and learns of signatures. */
export interface TagRowSelection {
  selected: boolean;
  /** The checkbox was set; `shift` extends from the last one clicked. */
  onSelect: (checked: boolean, shift: boolean) => void;
  /** Per signed digest, the cosign `.sig` tag that signs it (from the tags loaded). */
  signatures: ReadonlyMap<string, string>;
}

/** The tag's first cell: its checkbox, its name as a link, and its badges. */
export function TagNameCell({
  href,
  tag,
  record,
  summary,
  selection,
}: {
  href: string;
  tag: string;
  record: boolean;
  summary: TagSummary | undefined;
  selection: TagRowSelection;
}) {
  return (
    <div className="flex min-w-0 items-center gap-2">
      {record ? (
        <span aria-hidden className="w-4 shrink-0" />
      ) : (
        <SelectBox tag={tag} selection={selection} />
      )}
      <Link
        href={href}
        title={tag}
        aria-label={tag}
        className="flex min-w-0 font-mono text-sm font-semibold text-sky-700 hover:underline dark:text-sky-400"
      >
        <TagName tag={tag} />
      </Link>
      {summary ? <SignedBadge summary={summary} signatures={selection.signatures} /> : null}
      {record ? (
        <Badge title="cosign’s tag for a signature, attestation or SBOM">record</Badge>
      ) : null}
      {summary ? (
        <span className="lg:hidden">
          <Kind summary={summary} />
        </span>
      ) : null}
    </div>
  );
}

function SelectBox({ tag, selection }: { tag: string; selection: TagRowSelection }) {
  return (
    <input
      type="checkbox"
      aria-label={`Select ${tag}`}
      checked={selection.selected}
      onClick={(e) => selection.onSelect(e.currentTarget.checked, e.shiftKey)}
      onChange={() => undefined}
      className="h-4 w-4 shrink-0"
    />
  );
}

function SignedBadge({
  summary,
  signatures,
}: {
  summary: TagSummary;
  signatures: ReadonlyMap<string, string>;
}) {
  const digests = [summary.digest, ...(summary.images ?? []).map((i) => i.digest)];
  const by = digests.map((d) => signatures.get(d)).find(Boolean);
  if (!by) return null;
  return (
    <span data-testid="signed-badge">
      <Badge tone="green" title={`A cosign signature refers to it: ${by}`}>
        ✓ signed
      </Badge>
    </span>
  );
}

/** The kind of image a tag holds, with its unreadable children. */
export function Kind({ summary }: { summary: TagSummary }) {
  return (
    <span className="inline-flex flex-wrap gap-1">
      <KindBadge
        format={summary.format}
        {...(summary.artifactType ? { artifactType: summary.artifactType } : {})}
      />
      {summary.childErrors > 0 ? (
        <Badge
          tone="red"
          title="Children of this list that the registry could not serve; open the tag for details"
        >
          {summary.childErrors} unreadable
        </Badge>
      ) : null}
    </span>
  );
}
