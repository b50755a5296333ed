import { fail, failFrom, ok, type Result } from '@/lib/errors';
import { startJob, type Job } from '@/lib/jobs';
import { planSubset, isDigest, isAttestation, tagReference } from '@/lib/registry';

import { conflictFailure } from './conflicts';
import { callOptions, type ActionDeps } from './deps';
import { COPY_JOB, imageSubject, type CopyParams } from './jobs';
import { entryViews, type EntryView } from './labels';
import type { ImageSource } from './retag';
import { resolveTagRef, type TagRef } from './targets';

export interface CopyPreviewInput {
  source: ImageSource;
  /** Destination tag: 'other/repo:tag' on the same registry, or 'host/repo:tag'. */
  destination: string;
  /** Digests of the platforms (runnable entries) to copy; absent = all. Ignored for a single image. */
  platforms?: string[];
}

/** What a copy will put where, shown before it is made. */
export interface CopyPreview {
  source: ImageSource & { mediaType: string; isIndex: boolean };
  destination: TagRef & { currentDigest: string | null; unchanged: boolean };
  /** True when everything is copied: the digest stays the source's. */
  whole: boolean;
  /** The manifest that will be put under the destination tag (a new index for a subset). */
  index: { digest: string; mediaType: string; size: number; json: string };
  /** Entries it lists (platforms with their attestations); empty for a single image. */
  entries: EntryView[];
  /** Entries left out. */
  removed: EntryView[];
}

export interface CopyInput extends CopyPreviewInput {
  /** What the destination tag held when the user looked (null: it did not exist). */
  expectedDigest: string | null;
  /** The digest the preview showed (STALE_PREVIEW when the plan now differs). */
  indexDigest?: string;
  force?: boolean;
}

async function plan(
  deps: ActionDeps,
  input: CopyPreviewInput,
): Promise<Result<{ preview: CopyPreview; children: CopyParams['children'] }>> {
  const { source } = input;
  if (!isDigest(source.digest)) return fail('VALIDATION', `"${source.digest}" is not a digest`);
  let destination: TagRef;
  try {
    destination = resolveTagRef(input.destination, source);
  } catch (err) {
    return failFrom(err, 'destination');
  }
  try {
    // Source and destination are asked at once: one round trip.
    const [{ parsed }, head] = await Promise.all([
      deps.client.getManifest(source, source.digest, callOptions(deps)),
      deps.client.headManifest(destination, destination.tag, callOptions(deps)),
    ]);
    const currentDigest = head?.digest ?? null;
    const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
    if (parsed.kind !== 'index') {
      return ok({
        preview: {
          source: { ...source, mediaType: parsed.mediaType, isIndex: false },
          destination: {
            ...destination,
            currentDigest,
            unchanged: currentDigest === parsed.digest,
          },
          whole: true,
          index: {
            digest: parsed.digest,
            mediaType: parsed.mediaType,
            size: parsed.raw.byteLength,
            json: text(parsed.raw),
          },
          entries: [],
          removed: [],
        },
        children: [],
      });
    }
    const keep =
      input.platforms ?? parsed.manifests.filter((d) => !isAttestation(d)).map((d) => d.digest);
    const subset = planSubset(parsed, keep);
    const entries = entryViews(subset.kept, parsed.manifests);
    return ok({
      preview: {
        source: { ...source, mediaType: parsed.mediaType, isIndex: true },
        destination: {
          ...destination,
          currentDigest,
          unchanged: currentDigest === subset.index.digest,
        },
        whole: subset.whole,
        index: {
          digest: subset.index.digest,
          mediaType: subset.index.mediaType,
          size: subset.index.size,
          json: text(subset.index.bytes),
        },
        entries,
        removed: entryViews(subset.removed, parsed.manifests),
      },
      children: entries.map((e) => ({
        digest: e.digest,
        mediaType: e.mediaType,
        size: e.size,
        label: e.label,
      })),
    });
  } catch (err) {
    return failFrom(err, 'platforms');
  }
}

/**
 * Returns the copy preview: the destination tag's current digest, and the manifest that will be
 * put there (the source's own bytes, or for a subset of platforms a new index with its JSON and
 * digest; attestations follow their platform). Changes nothing.
 */
export async function previewCopy(
  deps: ActionDeps,
  input: CopyPreviewInput,
): Promise<Result<CopyPreview>> {
  const planned = await plan(deps, input);
  return planned.ok ? ok(planned.value.preview) : planned;
}

/**
 * Returns the started copy job (and the preview it copies) after checking the destination tag
 * still holds what the user saw (CONFLICT naming both digests, unless `force`) and the plan still
 * makes the digest the preview showed (STALE_PREVIEW). Children and blobs are copied before the
 * index; nothing is tagged when any of them fails.
 */
export async function startCopy(
  deps: ActionDeps,
  input: CopyInput,
): Promise<Result<{ job: Job<CopyParams>; preview: CopyPreview }>> {
  if (input.expectedDigest !== null && !isDigest(input.expectedDigest)) {
    return fail('VALIDATION', `"${input.expectedDigest}" is not a digest`, {
      fieldErrors: { expectedDigest: ['Expected a digest or null'] },
    });
  }
  const planned = await plan(deps, input);
  if (!planned.ok) return planned;
  const { preview, children } = planned.value;
  if (input.indexDigest !== undefined && input.indexDigest !== preview.index.digest) {
    return fail(
      'STALE_PREVIEW',
      `The copy would now make ${preview.index.digest}, not ${input.indexDigest} as previewed. Review the preview again.`,
      {
        details: { indexDigest: preview.index.digest },
      },
    );
  }
  const d = preview.destination;
  const destination = {
    registry: d.registry,
    repository: d.repository,
    tag: d.tag,
    expectedDigest: input.expectedDigest,
  };
  // The plan read the destination tag a moment ago: the same check as checkTags, without asking
  // again (the job checks once more right before it writes).
  const actual = d.currentDigest;
  if (actual !== input.expectedDigest && actual !== preview.index.digest && !input.force) {
    return conflictFailure([
      { reference: tagReference(destination), expected: input.expectedDigest, actual },
    ]);
  }
  const params: CopyParams = {
    source: input.source,
    destination,
    force: input.force ?? false,
    whole: preview.whole,
    ...(preview.whole
      ? {}
      : {
          index: {
            json: preview.index.json,
            mediaType: preview.index.mediaType,
            digest: preview.index.digest,
          },
        }),
    children,
    platforms: preview.entries.filter((e) => !e.attestation).map((e) => e.label),
  };
  try {
    return ok({
      job: startJob(COPY_JOB, params, { subject: imageSubject(input.source), dedupe: true }),
      preview,
    });
  } catch (err) {
    return failFrom(err);
  }
}
