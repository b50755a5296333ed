import { AppError } from '@/lib/errors';
import { draftFromIndex, removeEntry, serializeIndex } from '../index/edit';
import { validateDraft } from '../index/validate';
import { type SerializedIndex } from '../index/types';
import { attestationTarget, isAttestation, type Descriptor } from '../descriptor';
import { type ParsedIndex } from '../manifest';

/**
 * Copying a list with only some of its platforms (`skopeo copy --all` copies them all; for a
 * subset `regctl index create --ref ... --platform ...`): the subset is a new index, with its own
 * digest, built from the original entries. Attestations stay with their platform: dropping a
 * platform drops the attestation manifests that describe it.
 */

/** What a copy of a list will put in the destination. */
export interface SubsetPlan {
  /** True when every platform is kept: the original bytes are copied and the digest stays. */
  whole: boolean;
  /** The index to put: the original bytes when `whole`, else the new index. */
  index: SerializedIndex;
  /** Entries in the index (runnable images and the attestations that follow them). */
  kept: Descriptor[];
  /** Entries left out (the platforms not chosen and their attestations). */
  removed: Descriptor[];
}

/**
 * Returns the index holding only the chosen runnable entries (by digest) and their attestations.
 * Every platform chosen: the original bytes, unchanged. Throws INVALID_ARGUMENT when nothing is
 * chosen, a digest is not a runnable entry of the list, or the subset would not be a valid index.
 */
export function planSubset(parsed: ParsedIndex, keep: readonly string[]): SubsetPlan {
  const runnable = parsed.manifests.filter((d) => !isAttestation(d));
  const wanted = new Set(keep);
  if (wanted.size === 0)
    throw new AppError('INVALID_ARGUMENT', 'Choose at least one platform to copy');
  for (const digest of wanted) {
    if (!runnable.some((d) => d.digest === digest)) {
      throw new AppError('INVALID_ARGUMENT', `${digest} is not a platform of this list`);
    }
  }
  if (runnable.every((d) => wanted.has(d.digest))) {
    return {
      whole: true,
      index: {
        bytes: parsed.raw,
        mediaType: parsed.mediaType,
        digest: parsed.digest,
        size: parsed.raw.byteLength,
      },
      kept: [...parsed.manifests],
      removed: [],
    };
  }
  let draft = draftFromIndex(parsed);
  for (const d of runnable) if (!wanted.has(d.digest)) draft = removeEntry(draft, d.digest);
  const errors = validateDraft(draft).filter((i) => i.severity === 'error');
  if (errors.length > 0) {
    throw new AppError(
      'INVALID_ARGUMENT',
      `The chosen platforms do not make a valid list: ${errors.map((e) => e.message).join(' ')}`,
    );
  }
  const kept = draft.entries.map((e) => e.descriptor);
  const keptDigests = new Set(kept.map((d) => d.digest));
  return {
    whole: false,
    index: serializeIndex(draft),
    kept,
    removed: parsed.manifests.filter((d) => !keptDigests.has(d.digest)),
  };
}

/**
 * Returns the list without one platform entry (and the attestations describing it), ready to PUT
 * in place (`regctl index delete --digest`, `podman manifest remove` + push). Throws
 * INVALID_ARGUMENT when the digest is not a platform of the list, or it is the last one.
 */
export function planRemovePlatform(parsed: ParsedIndex, digest: string): SubsetPlan {
  const entry = parsed.manifests.find((d) => d.digest === digest);
  if (!entry || isAttestation(entry)) {
    throw new AppError('INVALID_ARGUMENT', `${digest} is not a platform of this list`);
  }
  const rest = parsed.manifests
    .filter((d) => !isAttestation(d) && d.digest !== digest)
    .map((d) => d.digest);
  if (rest.length === 0) {
    throw new AppError(
      'INVALID_ARGUMENT',
      'This is the last platform of the list; delete the list instead',
    );
  }
  return planSubset(parsed, rest);
}

/** Returns the attestation entries of a list that describe the given platform entry. */
export function attestationsOf(parsed: ParsedIndex, digest: string): Descriptor[] {
  return parsed.manifests.filter((d) => isAttestation(d) && attestationTarget(d) === digest);
}
