import { Badge } from '@/components/ui/badge';

import type { DeletePreview, ImageId } from './api';
import { DeletesDisabled, Notice } from './delete-notices';
import { short } from './format';

function TagChips({ tags }: { tags: string[] }) {
  return (
    <ul className="flex flex-wrap gap-1.5" aria-label="Tags removed">
      {tags.map((t) => (
        <li key={t}>
          <Badge tone="red">
            <span className="font-mono">:{t}</span>
          </Badge>
        </li>
      ))}
    </ul>
  );
}

function orphanText(orphans: number, total: number): string {
  if (orphans !== total) return `${orphans} of them will be left without a tag.`;
  return orphans === 1
    ? 'It will be left without a tag.'
    : `All ${orphans} will be left without a tag.`;
}

function ChildRow({ child: c }: { child: DeletePreview['children'][number] }) {
  return (
    <tr
      className="border-t border-zinc-200 dark:border-zinc-800"
      data-testid="delete-child"
      data-orphaned={c.orphaned}
    >
      <td className="py-1 pr-2 font-mono">{c.label}</td>
      <td className="py-1 pr-2 font-mono" title={c.digest}>
        {short(c.digest)}
      </td>
      <td className="py-1">
        {c.tags.length ? (
          <span>
            still tagged <span className="font-mono">{c.tags.map((t) => `:${t}`).join(' ')}</span>
          </span>
        ) : c.usedBy.length ? (
          <span>
            still in <span className="font-mono">{c.usedBy.map((t) => `:${t}`).join(' ')}</span>
          </span>
        ) : (
          <Badge tone="amber">left without a tag</Badge>
        )}
      </td>
    </tr>
  );
}

function Children({ preview }: { preview: DeletePreview }) {
  const orphans = preview.children.filter((c) => c.orphaned).length;
  return (
    <section className="flex flex-col gap-2" aria-label="Images in the list">
      <p>
        <span className="font-medium">
          Its {preview.children.length} entries stay in the repository
        </span>{' '}
        (deleting a list never deletes its images).{' '}
        {orphans > 0 ? (
          <span data-testid="orphan-count">{orphanText(orphans, preview.children.length)}</span>
        ) : (
          'Each of them is still tagged or listed elsewhere.'
        )}
      </p>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-xs">
          <thead className="text-zinc-500 dark:text-zinc-400">
            <tr>
              <th className="py-1 pr-2 font-medium">Entry</th>
              <th className="py-1 pr-2 font-medium">Digest</th>
              <th className="py-1 font-medium">After the delete</th>
            </tr>
          </thead>
          <tbody>
            {preview.children.map((c) => (
              <ChildRow key={c.digest} child={c} />
            ))}
          </tbody>
        </table>
      </div>
      {orphans > 0 ? (
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          Untagged images stay reachable by digest, but registry garbage collection run with{' '}
          <code className="font-mono">--delete-untagged</code> removes them.
        </p>
      ) : null}
    </section>
  );
}

function TagsThatGo({ image, preview }: { image: ImageId; preview: DeletePreview }) {
  return (
    <section className="flex flex-col gap-2">
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        Digest <code className="font-mono break-all">{image.digest}</code>
      </p>
      {preview.tags.length ? (
        <>
          <p className="font-medium">
            {preview.tags.length === 1
              ? 'Deleting it also removes the one tag that points at it:'
              : `Deleting it also removes all ${preview.tags.length} tags that point at it:`}
          </p>
          <TagChips tags={preview.tags} />
        </>
      ) : (
        <p>No tag points at this digest: only the manifest goes.</p>
      )}
      {preview.truncated ? (
        <p className="text-xs text-amber-700 dark:text-amber-300">
          The repository has more tags than Manifold checked; others may point here too.
        </p>
      ) : null}
    </section>
  );
}

function UntagByPlaceholder({ tag, what, otherTags }: UntagProps) {
  return (
    <>
      <p>
        This registry cannot delete a single tag: the distribution registry (2.x) answers{' '}
        <code className="font-mono">DELETE /v2/…/manifests/{tag}</code> with{' '}
        <code className="font-mono">400 DIGEST_INVALID</code>, and deleting by digest removes every
        tag
        {otherTags.length ? <> (here also {otherTags.map((t) => `:${t}`).join(' ')})</> : null}.
      </p>
      <p>
        “Untag only” does what <code className="font-mono">regctl tag delete</code> does: it points
        :{tag} at a tiny placeholder manifest made for this, then deletes that placeholder by
        digest. Only :{tag} goes;{' '}
        {otherTags.length
          ? `the ${what} and its other tags stay`
          : `the ${what} stays, reachable by digest`}
        . The placeholder’s small config blob remains until garbage collection.
      </p>
    </>
  );
}

interface UntagProps {
  tag: string;
  what: string;
  otherTags: string[];
}

function UntagExplainer({
  tag,
  what,
  preview,
}: {
  tag: string;
  what: string;
  preview: DeletePreview;
}) {
  const otherTags = preview.tags.filter((t) => t !== tag);
  return (
    <section
      className="flex flex-col gap-1 rounded-md border border-zinc-200 p-3 dark:border-zinc-800"
      data-testid="untag-explainer"
    >
      <p className="font-medium">Only remove :{tag}?</p>
      {preview.support.tags === 'supported' ? (
        <p>
          This registry deletes single tags: “Untag only” removes :{tag} and keeps the {what}
          {otherTags.length ? ` and ${otherTags.map((t) => `:${t}`).join(' ')}` : ''}.
        </p>
      ) : preview.support.tags === 'unsupported' ? (
        <UntagByPlaceholder tag={tag} what={what} otherTags={otherTags} />
      ) : (
        <p>
          Manifold could not tell whether this registry deletes single tags; “Untag only” tries it
          and reports what the registry answers.
        </p>
      )}
    </section>
  );
}

/**
 * What a delete would do, before it runs: whether the registry allows it, every tag that goes,
 * the list's entries that stay (and which are left untagged), and what "untag only" does instead.
 */
export function DeletePreviewView({
  image,
  tag,
  preview,
  what,
}: {
  image: ImageId;
  tag: string | undefined;
  preview: DeletePreview;
  what: string;
}) {
  const disabled = preview.support.manifests === 'disabled';
  return (
    <>
      {disabled ? <DeletesDisabled image={image} /> : null}
      {preview.support.manifests === 'unknown' ? (
        <Notice tone="sky" title="Manifold could not tell whether this registry allows deletes">
          <p>
            {preview.support.detail ??
              'The registry did not answer a harmless test delete in a known way.'}
          </p>
        </Notice>
      ) : null}
      <TagsThatGo image={image} preview={preview} />
      {preview.isIndex ? <Children preview={preview} /> : null}
      {tag && !disabled ? <UntagExplainer tag={tag} what={what} preview={preview} /> : null}
    </>
  );
}
