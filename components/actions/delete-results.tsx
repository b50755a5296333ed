import Link from 'next/link';

import { imagePath } from '@/lib/paths';

import type { DeleteResult, ImageId, UntagResult } from './api';
import { DoneNotice } from './done-notice';
import { short } from './format';
import { TargetRow } from './target-row';

/** The confirmed delete: the digest and tags gone, and whether each entry of the list is still there. */
export function Deleted({ image, deleted }: { image: ImageId; deleted: DeleteResult }) {
  return (
    <DoneNotice testId="delete-done" layout="flex flex-col gap-2">
      <p className="font-semibold">
        Deleted {short(deleted.digest)}
        {deleted.tagsRemoved.length
          ? ` and ${deleted.tagsRemoved.map((t) => `:${t}`).join(' ')}`
          : ''}
        . The registry no longer serves it.
      </p>
      {deleted.children.length ? (
        <>
          <p>Its entries are still there:</p>
          <ul className="flex flex-col gap-0.5" aria-label="Entries still there">
            {deleted.children.map((c) => (
              <TargetRow
                key={c.digest}
                data-testid="kept-child"
                data-exists={c.exists ?? undefined}
              >
                <span aria-hidden>{c.exists ? '✓' : c.exists === null ? '?' : '✕'}</span>
                <span className="font-mono">{c.label}</span>
                <Link
                  className="font-mono text-xs underline"
                  href={imagePath(image.registry, image.repository, c.digest)}
                >
                  {short(c.digest)}
                </Link>
                {c.exists === null ? (
                  <span>(could not check: {c.error})</span>
                ) : c.exists ? null : (
                  <span>(gone: it was not in this repository any more)</span>
                )}
              </TargetRow>
            ))}
          </ul>
        </>
      ) : null}
    </DoneNotice>
  );
}

/** The confirmed untag: the tag gone, the digest still there (and how it was untagged). */
export function Untagged({ image, untagged }: { image: ImageId; untagged: UntagResult }) {
  return (
    <DoneNotice testId="untag-done">
      <p className="font-semibold">
        Removed :{untagged.tag}. {short(untagged.digest)} is still there
        {untagged.method === 'placeholder'
          ? ' (untagged with a placeholder manifest, as regctl does)'
          : ''}
        .
      </p>
      <Link
        className="font-mono text-xs underline"
        href={imagePath(image.registry, image.repository, untagged.digest)}
      >
        Open {short(untagged.digest)}
      </Link>
    </DoneNotice>
  );
}
