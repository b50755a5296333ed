import { fail, failFrom, ok, type Result } from '@/lib/errors';
import { startJob, type Job } from '@/lib/jobs';
import { isDigest, checkTags, type TagTarget } from '@/lib/registry';

import { conflictFailure } from './conflicts';
import { callOptions, type ActionDeps } from './deps';
import { RETAG_JOB, imageSubject, type RetagParams } from './jobs';
import { resolveTagRef, resolveTagRefs, sameRepository, type TagRef } from './targets';

export interface ImageSource {
  registry: string;
  repository: string;
  digest: string;
}

/** A tag the user typed, and what it holds now (send `currentDigest` back as `expectedDigest`). */
export interface TargetState extends TagRef {
  currentDigest: string | null;
  /** True when the tag is in the source's repository (nothing to copy). */
  sameRepository: boolean;
  /** True when the tag already holds the source digest. */
  unchanged: boolean;
}

export interface RetagInput {
  source: ImageSource;
  /** Each new tag ('stable', 'other/repo:tag', 'host/repo:tag') with the digest the user saw there (null: new tag). */
  targets: Array<{ reference: string; expectedDigest: string | null }>;
  /** Overwrite tags that moved since the user looked. */
  force?: boolean;
}

function parseTargets(source: ImageSource, inputs: readonly string[]): Result<TagRef[]> {
  try {
    return ok(resolveTagRefs(inputs, source, 'targets'));
  } catch (err) {
    return failFrom(err);
  }
}

/**
 * Returns what each tag the user typed holds now, relative to the source image (the retag and
 * copy dialogs show it, and send `currentDigest` back as the expected digest). Fails with
 * INVALID_REFERENCE for a bad name and with the registry's error when a tag cannot be read.
 */
export async function checkTargets(
  deps: ActionDeps,
  source: ImageSource,
  inputs: readonly string[],
): Promise<Result<TargetState[]>> {
  const parsed = parseTargets(source, inputs);
  if (!parsed.ok) return parsed;
  try {
    const states: TargetState[] = [];
    for (const t of parsed.value) {
      const head = await deps.client.headManifest(t, t.tag, callOptions(deps));
      const currentDigest = head?.digest ?? null;
      states.push({
        ...t,
        currentDigest,
        sameRepository: sameRepository(t, source),
        unchanged: currentDigest === source.digest,
      });
    }
    return ok(states);
  } catch (err) {
    return failFrom(err);
  }
}

/**
 * Returns the started retag job after checking what can be checked first: the source exists by
 * digest and no tag moved since the user saw it (CONFLICT with both digests, unless `force`).
 * The job PUTs the same bytes (copying the contents first into other repositories), so the
 * digest never changes.
 */
export async function startRetag(
  deps: ActionDeps,
  input: RetagInput,
): Promise<Result<{ job: Job<RetagParams> }>> {
  const { source } = input;
  if (!isDigest(source.digest))
    return fail('VALIDATION', `"${source.digest}" is not a digest`, {
      fieldErrors: { digest: ['Expected a sha256 digest'] },
    });
  for (const t of input.targets) {
    if (t.expectedDigest !== null && !isDigest(t.expectedDigest)) {
      return fail('VALIDATION', `"${t.expectedDigest}" is not a digest`, {
        fieldErrors: { targets: ['expectedDigest must be a digest or null'] },
      });
    }
  }
  const parsed = parseTargets(
    source,
    input.targets.map((t) => t.reference),
  );
  if (!parsed.ok) return parsed;
  const expected = new Map(
    input.targets.map((t) => [resolveTagRef(t.reference, source).reference, t.expectedDigest]),
  );
  const targets: TagTarget[] = parsed.value.map((t) => ({
    registry: t.registry,
    repository: t.repository,
    tag: t.tag,
    expectedDigest: expected.get(t.reference) ?? null,
  }));
  try {
    if (!(await deps.client.headManifest(source, source.digest, callOptions(deps)))) {
      return fail(
        'MANIFEST_UNKNOWN',
        `${source.registry}/${source.repository}@${source.digest} does not exist any more`,
        {
          hint: 'It was deleted since you opened it. Nothing was written.',
        },
      );
    }
    const { conflicts } = await checkTags(deps.client, targets, source.digest, callOptions(deps));
    if (conflicts.length > 0 && !input.force) return conflictFailure(conflicts);
    const params: RetagParams = { source, targets, force: input.force ?? false };
    return ok({
      job: startJob(RETAG_JOB, params, { subject: imageSubject(source), dedupe: true }),
    });
  } catch (err) {
    return failFrom(err);
  }
}
