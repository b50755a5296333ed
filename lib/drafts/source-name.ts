/** Returns a source reference without its digest, the way people name images: `host/demo/shazam:amd64`; undefined without a source. */
export function sourceName(source: string | undefined): string | undefined {
  if (!source) return undefined;
  const at = source.indexOf('@');
  if (at === -1) return source;
  const name = source.slice(0, at);
  // A source known only by digest keeps a short digest, so two of them stay apart.
  return name.includes(':', name.lastIndexOf('/'))
    ? name
    : `${name}@${source.slice(at + 1, at + 20)}`;
}

/**
 * Returns the message with every full digest of an entry replaced by that entry's source name
 * (`sha256:1549…` becomes `demo/shazam:amd64`), so problems name what people typed; digests of
 * entries without a source are shortened.
 */
export function nameDigests(
  message: string,
  entries: ReadonlyArray<{ digest: string; source?: string | undefined }>,
): string {
  return message.replace(/sha(256|512):[a-f0-9]{64,128}/g, (digest) => {
    const entry = entries.find((e) => e.digest === digest);
    return sourceName(entry?.source) ?? `${digest.slice(0, 19)}…`;
  });
}
