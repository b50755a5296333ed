/**
 * The destination a new list is offered: per-architecture tags (`1.2-amd64`, `1.2-arm64`) are
 * usually built to be gathered under their common name (`1.2`), as `podman manifest create 1.2
 * 1.2-amd64 1.2-arm64` does by hand.
 */

// Words that name a platform inside a tag: left out to find the name the tags share.
const PLATFORM_WORDS = new Set([
  'linux',
  'windows',
  'darwin',
  'amd64',
  'x86_64',
  'x86-64',
  '386',
  'i386',
  'arm',
  'arm64',
  'aarch64',
  'armhf',
  'armel',
  'v5',
  'v6',
  'v7',
  'v8',
  'arm32v6',
  'arm32v7',
  'arm64v8',
  'ppc64le',
  's390x',
  'riscv64',
  'mips64le',
  'loong64',
]);

const SEPARATOR = /[-_.]/;

function stem(tag: string): string {
  const words = tag.split(SEPARATOR);
  const kept: string[] = [];
  let pos = 0;
  // Keep the original separators of the words that stay.
  for (const word of words) {
    const sep = pos > 0 ? tag.charAt(pos - 1) : '';
    if (!PLATFORM_WORDS.has(word.toLowerCase())) kept.push(kept.length ? sep + word : word);
    pos += word.length + 1;
  }
  return kept.join('');
}

/** Returns the tag a list of these tags is offered under: their shared name without platform words, else `latest`. Never throws. */
export function suggestListTag(tags: readonly string[]): string {
  const stems = [...new Set(tags.map(stem))];
  const [only] = stems;
  return stems.length === 1 && only && /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/.test(only)
    ? only
    : 'latest';
}

// 'registry/repository' and the tag of 'registry/repository[:tag][@digest]'.
function splitSource(source: string): { repository: string; tag?: string } {
  const name = source.split('@')[0] ?? source;
  const m = /^(.*\/[^/:]+):([^/:]+)$/.exec(name);
  return m ? { repository: m[1]!, tag: m[2]! } : { repository: name };
}

/**
 * Returns the destination a draft without one is offered: the repository of its first image and
 * the tag its entries' tags share (suggestListTag), e.g. `localhost:5000/demo/app:1.2` for
 * entries from `:1.2-amd64` and `:1.2-arm64`; undefined without a source. Never throws.
 */
export function suggestDestination(sources: readonly string[]): string | undefined {
  const [first] = sources;
  if (!first) return undefined;
  const { repository } = splitSource(first);
  const tags = sources
    .map(splitSource)
    .filter((s) => s.repository === repository)
    .flatMap((s) => (s.tag ? [s.tag] : []));
  return `${repository}:${suggestListTag(tags)}`;
}
