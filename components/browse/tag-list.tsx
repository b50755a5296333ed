'use client';

import { TAG_GRID, TagRow } from './tag-row';
import { useWindowList } from './use-window-list';

/** The tags as a virtualized list: only rows near the viewport are mounted, so only they load summaries. */
export function TagList({
  host,
  repository,
  tags,
  pushed = {},
  onEndReached,
  selection,
}: {
  host: string;
  repository: string;
  tags: string[];
  /** When each tag was last pushed, as far as Manifold knows. */
  pushed?: Readonly<Record<string, string>>;
  onEndReached?: (() => void) | undefined;
  selection: {
    selected: ReadonlySet<string>;
    choose: (order: readonly string[], tag: string, checked: boolean, shift: boolean) => void;
    signatures: ReadonlyMap<string, string>;
  };
}) {
  const { ref, virtualizer, scrollMargin, items } = useWindowList<HTMLUListElement>({
    count: tags.length,
    estimateSize: () => 46,
    getItemKey: (i) => tags[i] ?? i,
    onEndReached,
  });
  return (
    <div>
      <TagHeader />
      <ul
        ref={ref}
        aria-label="Tags"
        className="relative"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {items.map((item) => {
          const tag = tags[item.index];
          if (tag === undefined) return null;
          return (
            <li
              key={item.key}
              data-index={item.index}
              data-tag={tag}
              ref={virtualizer.measureElement}
              aria-setsize={tags.length}
              aria-posinset={item.index + 1}
              className="absolute top-0 left-0 w-full border-b border-zinc-100 dark:border-zinc-800/70"
              style={{ transform: `translateY(${item.start - scrollMargin}px)` }}
            >
              <TagRow
                host={host}
                repository={repository}
                tag={tag}
                pushed={pushed[tag]}
                selection={{
                  selected: selection.selected.has(tag),
                  onSelect: (checked, shift) => selection.choose(tags, tag, checked, shift),
                  signatures: selection.signatures,
                }}
              />
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** The column names above the rows (wide screens; a phone's rows name their values). */
function TagHeader() {
  return (
    <div
      aria-hidden
      data-testid="tag-header"
      className={`${TAG_GRID} hidden border-b border-zinc-200 px-4 py-2 text-xs font-medium text-zinc-500 lg:grid dark:border-zinc-800 dark:text-zinc-400`}
    >
      <span className="pl-6">Tag</span>
      <span>Kind</span>
      <span>Platforms</span>
      <span>Digest</span>
      <span className="text-right">Size</span>
      <span className="text-right" title="Build time recorded in the image, not when it was pushed">
        Built
      </span>
      <span className="text-right" title="When the tag last changed, as Manifold recorded it">
        Last pushed
      </span>
      <span />
    </div>
  );
}
