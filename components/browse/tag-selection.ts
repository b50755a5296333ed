'use client';

import { useCallback, useMemo, useState } from 'react';

/**
 * Returns the selection after a checkbox was set to `checked`: with shift held and an earlier
 * click (the anchor) still listed, every tag between the two (in the list's order) takes that
 * state, as in a file manager; otherwise only `tag` does.
 */
export function nextSelection(
  order: readonly string[],
  selected: ReadonlySet<string>,
  anchor: string | null,
  tag: string,
  checked: boolean,
  shift: boolean,
): Set<string> {
  const next = new Set(selected);
  const from = shift && anchor !== null ? order.indexOf(anchor) : -1;
  const to = order.indexOf(tag);
  const range =
    from !== -1 && to !== -1 ? order.slice(Math.min(from, to), Math.max(from, to) + 1) : [tag];
  for (const t of range) {
    if (checked) next.add(t);
    else next.delete(t);
  }
  return next;
}

/** The tag list's selection: the chosen tags, in the list's order, and how a checkbox changes them. */
export function useTagSelection() {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [anchor, setAnchor] = useState<string | null>(null);
  const choose = useCallback(
    (order: readonly string[], tag: string, checked: boolean, shift: boolean) => {
      setSelected((prev) => nextSelection(order, prev, anchor, tag, checked, shift));
      setAnchor(tag);
    },
    [anchor],
  );
  const clear = useCallback(() => {
    setSelected(new Set());
    setAnchor(null);
  }, []);
  return { selected, choose, clear };
}

// cosign's tag for the signature of sha256:<hex>.
const SIG_TAG = /^sha256-([a-f0-9]{64})\.sig$/;

function signaturesByDigest(tags: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const tag of tags) {
    const m = SIG_TAG.exec(tag);
    if (m) out.set(`sha256:${m[1]}`, tag);
  }
  return out;
}

/**
 * The tag browser's selection with what follows from the tags loaded: the signed digests, and the
 * selected tags in the order the list shows them (a new list's entries follow it), then any
 * selected tag the filter now hides.
 */
export function useListSelection(shown: readonly string[], loaded: readonly string[]) {
  const selection = useTagSelection();
  const signatures = useMemo(() => signaturesByDigest(loaded), [loaded]);
  const { selected } = selection;
  const selectedTags = useMemo(() => {
    const visible = new Set(shown);
    return [
      ...shown.filter((t) => selected.has(t)),
      ...loaded.filter((t) => selected.has(t) && !visible.has(t)),
    ];
  }, [shown, loaded, selected]);
  return { selection, signatures, selectedTags };
}
