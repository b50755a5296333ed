import { isDigest } from '../digest';
import type { CopyRun } from './copy';
import { getManifestRaw, headManifest, type RawManifest } from './manifests';
import { skipsDestinationHeads } from './new-repository';

/** Resolves true when the destination repository is known to hold nothing (no HEADs there). */
export const isNew = (run: CopyRun): Promise<boolean> =>
  skipsDestinationHeads(run.src, run.dst, run.opts.destinationNew);

/**
 * Returns the source manifest from the content cache, when it was read from the source
 * repository by digest before (an inspect of the list caches its children) and has the size its
 * descriptor says; else undefined. Content by digest cannot change, so it is not fetched again.
 */
function cachedSource(
  run: CopyRun,
  reference: string,
  expectedSize: number | undefined,
): RawManifest | undefined {
  if (!isDigest(reference)) return undefined;
  const hit = run.opts.cache?.getManifest(run.src, reference);
  if (!hit || (expectedSize !== undefined && hit.parsed.raw.byteLength !== expectedSize))
    return undefined;
  const { raw, digest, mediaType } = hit.parsed;
  return { raw, digest, mediaType, headers: hit.headers };
}

/** Returns the source manifest and whether the destination already holds it (asked at once by digest). */
async function fetchBoth(run: CopyRun, reference: string, expectedSize?: number) {
  const { ctx, src, dst, signal } = run;
  const headDst = async (digest: string) =>
    (await isNew(run)) ? undefined : headManifest(ctx, dst, digest, { signal });
  const cached = cachedSource(run, reference, expectedSize);
  const [got, presentByDigest] = await run.fetchLimit(() =>
    Promise.all([
      cached ??
        getManifestRaw(ctx, src, reference, {
          signal,
          ...(expectedSize !== undefined ? { expectedSize } : {}),
        }),
      isDigest(reference) ? headDst(reference) : undefined,
    ]),
  );
  const present = isDigest(reference) ? presentByDigest : await headDst(got.digest);
  return { got, present: Boolean(present) };
}

/** Returns the manifest as fetched (or as the caller gave it for the top) and whether `dst` has it. */
export async function readManifest(
  run: CopyRun,
  reference: string,
  expectedSize: number | undefined,
  isTop: boolean,
): Promise<{
  raw: Uint8Array;
  digest: string;
  mediaType?: string;
  contentType?: string;
  present: boolean;
}> {
  const given = isTop ? run.opts.top : undefined;
  if (given) return { ...given, contentType: given.mediaType };
  const { got, present } = await fetchBoth(run, reference, expectedSize);
  return {
    raw: got.raw,
    digest: got.digest,
    ...(got.mediaType ? { mediaType: got.mediaType } : {}),
    ...(got.headers.contentType ? { contentType: got.headers.contentType } : {}),
    present,
  };
}
