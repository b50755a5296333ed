import { createTwoFilesPatch } from 'diff';
import pLimit from 'p-limit';

import { AppError, fail, failFrom, isAppError, ok, toPublicError, type Result } from '@/lib/errors';
import { serializeIndex, DEFAULT_TAG, formatReference, parseReference } from '@/lib/registry';
import { getDraft, setDraftDestinations } from '@/lib/store';

import { refuseDraftReads } from './ownership';
import { checkSources } from './check';
import type { DraftDeps } from './service';
import { toDraftView, type DraftProblem } from './view';

/** A destination tag: where a push puts the index. */
export interface DestinationRef {
  /** 'registry/repository:tag' */
  reference: string;
  registry: string;
  repository: string;
  tag: string;
}

/** What a destination tag holds now, and how the pushed index would differ from it. */
export interface DestinationPreview extends DestinationRef {
  /** Digest the tag holds now; null when it does not exist. */
  currentDigest: string | null;
  /**
   * What the push must send as expectedDigest: the digest the draft was based on for the tag it
   * was started from (so a change made there since is a CONFLICT), else `currentDigest`.
   */
  expectedDigest: string | null;
  /** Set when the draft's based-on tag moved since the draft was started from it (or last pushed there). */
  movedSinceBasedOn?: { basedOn: string; current: string | null };
  currentMediaType?: string;
  /** True when the tag already holds exactly this index. */
  unchanged: boolean;
  /** Unified diff from the tag's manifest (re-indented) to the index; null when the tag does not exist. */
  diff: string | null;
  /** Set when the tag could not be read (the push would fail the same way). */
  error?: { code: string; message: string; hint?: string };
}

/** Everything the push dialog shows before the user confirms. */
export interface DraftPreview {
  draftId: string;
  revision: number;
  index: { json: string; digest: string; size: number; mediaType: string };
  /** Validation and source problems; push is refused while any is an error. */
  issues: DraftProblem[];
  canPush: boolean;
  destinations: DestinationPreview[];
}

/**
 * Returns the destination tag a user typed: 'registry/repository:tag', or 'repository:tag' on
 * the default registry; the tag defaults to latest. Throws INVALID_REFERENCE for a digest, and
 * for a lone word (`latest`), which names a tag more often than a repository.
 */
export function parseDestination(input: string, defaultRegistry?: string): DestinationRef {
  const trimmed = input.trim();
  // A lone word is what people type for a tag; read as a reference it is a new repository of
  // that name (`latest` -> <registry>/latest:latest), which is never what they meant.
  if (/^[\w.-]+$/.test(trimmed)) {
    throw new AppError(
      'INVALID_REFERENCE',
      `"${trimmed}" names no repository: write repository:${trimmed}, e.g. demo/app:${trimmed}`,
    );
  }
  const ref = parseReference(input, defaultRegistry ? { defaultRegistry } : {});
  if (ref.digest) {
    throw new AppError(
      'INVALID_REFERENCE',
      `Push to a tag, not a digest ("${input.trim()}"): the index gets its digest from its content`,
    );
  }
  const tag = ref.tag ?? DEFAULT_TAG;
  return {
    reference: formatReference({ registry: ref.registry, repository: ref.repository, tag }),
    registry: ref.registry,
    repository: ref.repository,
    tag,
  };
}

/** Returns the destinations parsed, de-duplicated; the failure names the bad one in fieldErrors.destinations. */
export function parseDestinations(
  inputs: readonly string[],
  defaultRegistry?: string,
): Result<DestinationRef[]> {
  const out = new Map<string, DestinationRef>();
  for (const input of inputs) {
    if (!input.trim()) continue;
    try {
      const d = parseDestination(input, defaultRegistry);
      out.set(d.reference, d);
    } catch (err) {
      return failFrom(err, 'destinations');
    }
  }
  if (out.size === 0) {
    return fail(
      'VALIDATION',
      'Enter at least one destination tag, e.g. registry/repository:latest',
      {
        fieldErrors: { destinations: ['Enter at least one destination tag'] },
      },
    );
  }
  return ok([...out.values()]);
}

function pretty(raw: Uint8Array): string {
  const text = new TextDecoder().decode(raw);
  try {
    return `${JSON.stringify(JSON.parse(text), null, 2)}\n`;
  } catch {
    return text.endsWith('\n') ? text : `${text}\n`;
  }
}

/** Returns what a destination tag holds now and the diff to `json` (never throws for registry errors). */
export async function previewDestination(
  deps: DraftDeps,
  d: DestinationRef,
  json: string,
  digest: string,
): Promise<DestinationPreview> {
  try {
    const head = await deps.client.headManifest(
      d,
      d.tag,
      deps.signal ? { signal: deps.signal } : {},
    );
    if (!head)
      return { ...d, currentDigest: null, expectedDigest: null, unchanged: false, diff: null };
    const unchanged = head.digest === digest;
    let diff = '';
    if (!unchanged) {
      const current = await deps.client.getManifest(
        d,
        head.digest,
        deps.signal ? { signal: deps.signal } : {},
      );
      diff = createTwoFilesPatch(
        `${d.reference} (now)`,
        `${d.reference} (after push)`,
        pretty(current.parsed.raw),
        `${json}\n`,
        head.digest,
        digest,
        { context: 3 },
      );
    }
    return {
      ...d,
      currentDigest: head.digest,
      expectedDigest: head.digest,
      ...(head.mediaType ? { currentMediaType: head.mediaType } : {}),
      unchanged,
      diff,
    };
  } catch (err) {
    if (!isAppError(err)) throw err;
    const pub = toPublicError(err);
    return {
      ...d,
      currentDigest: null,
      expectedDigest: null,
      unchanged: false,
      diff: null,
      error: { code: pub.code, message: pub.message, ...(pub.hint ? { hint: pub.hint } : {}) },
    };
  }
}

/**
 * Returns the preview of pushing the draft to the destination tags: the exact JSON with its digest
 * and size, every problem (sources HEAD-checked), and per tag its current digest, the digest a
 * push must expect there (the based-on digest for the tag the draft came from) and a diff.
 * Failures: DRAFT_NOT_FOUND, VALIDATION / INVALID_REFERENCE for destinations.
 */
export async function previewDraft(
  deps: DraftDeps,
  id: string,
  destinationInputs: readonly string[],
): Promise<Result<DraftPreview>> {
  const d = getDraft(id);
  if (!d) return fail('DRAFT_NOT_FOUND', `There is no draft ${id}. It may have been deleted.`);
  const refused = refuseDraftReads(deps.require, d);
  if (refused) return refused;
  const destinations = parseDestinations(destinationInputs, deps.defaultRegistry);
  if (!destinations.ok) return destinations;
  // The draft remembers where it is meant to go from the first preview on, not only after a push.
  setDraftDestinations(
    d.id,
    destinations.value.map((dest) => dest.reference),
  );
  const serialized = serializeIndex(d.index);
  const json = new TextDecoder().decode(serialized.bytes);
  const limit = pLimit(4);
  const [sourceIssues, previews] = await Promise.all([
    checkSources(deps, d),
    Promise.all(
      destinations.value.map((dest) =>
        limit(() => previewDestination(deps, dest, json, serialized.digest)),
      ),
    ),
  ]);
  const view = toDraftView(d, sourceIssues);
  const basedOnTag = d.basedOn?.reference.split('@')[0];
  for (const p of previews) {
    if (!d.basedOn || p.reference !== basedOnTag || p.error) continue;
    p.expectedDigest = d.basedOn.digest;
    if (p.currentDigest !== d.basedOn.digest && p.currentDigest !== serialized.digest) {
      p.movedSinceBasedOn = { basedOn: d.basedOn.digest, current: p.currentDigest };
    }
  }
  return ok({
    draftId: d.id,
    revision: d.revision,
    index: {
      json,
      digest: serialized.digest,
      size: serialized.size,
      mediaType: serialized.mediaType,
    },
    issues: view.issues,
    canPush: view.canPush,
    destinations: previews,
  });
}
