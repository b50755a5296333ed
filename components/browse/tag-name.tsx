// cosign's tags (`sha256-<64 hex>.sig`, `.att`, `.sbom`) differ only at the end: an ellipsis at
// the end made the tags of one digest look alike, so the suffix never shrinks.
const SUFFIXED = /^(.+?)(\.[A-Za-z0-9_-]{1,16})$/;

/** A tag name that shrinks from the middle: a long name keeps its `.suffix` in view. */
export function TagName({ tag }: { tag: string }) {
  const m = tag.length > 24 ? SUFFIXED.exec(tag) : null;
  if (!m) return <span className="truncate">{tag}</span>;
  return (
    <span className="flex min-w-0">
      <span className="truncate">{m[1]}</span>
      <span className="shrink-0">{m[2]}</span>
    </span>
  );
}
