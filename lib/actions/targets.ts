import { isDigest, isValidTag, parseReference, type RepositoryRef } from '@/lib/registry';
import { AppError, isAppError } from '@/lib/errors';

/** A tag a user named: 'registry/repository:tag'. */
export interface TagRef extends RepositoryRef {
  tag: string;
  /** 'registry/repository:tag' */
  reference: string;
}

/**
 * Returns the tag a user typed, relative to the image they are looking at: a bare tag ('stable')
 * stays in the same repository, 'other/repo:tag' is on the same registry, 'host:port/repo:tag'
 * anywhere. Throws INVALID_REFERENCE for a digest, a missing tag, or an invalid name.
 */
export function resolveTagRef(input: string, from: RepositoryRef): TagRef {
  const text = input.trim().replace(/^docker:\/\//i, '');
  if (text === '') throw new AppError('INVALID_REFERENCE', 'Enter a tag');
  if (!text.includes('/') && !text.includes(':') && !text.includes('@')) {
    if (!isValidTag(text)) {
      throw new AppError(
        'INVALID_REFERENCE',
        `"${text}" is not a valid tag: letters, digits, _ . - (at most 128, not starting with . or -)`,
      );
    }
    return { ...from, tag: text, reference: `${from.registry}/${from.repository}:${text}` };
  }
  const ref = parseReference(text, { defaultRegistry: from.registry });
  if (ref.digest || isDigest(text)) {
    throw new AppError(
      'INVALID_REFERENCE',
      `Name a tag, not a digest ("${text}"): a digest comes from the content`,
    );
  }
  if (!ref.tag) throw new AppError('INVALID_REFERENCE', `"${text}" names no tag: add ":<tag>"`);
  return {
    registry: ref.registry,
    repository: ref.repository,
    tag: ref.tag,
    reference: `${ref.registry}/${ref.repository}:${ref.tag}`,
  };
}

/** Returns true when both name the same repository on the same registry. */
export function sameRepository(a: RepositoryRef, b: RepositoryRef): boolean {
  return a.registry === b.registry && a.repository === b.repository;
}

/**
 * Returns the tags the user typed, resolved relative to `from` and de-duplicated, in order: what
 * the action writes or reads, and what its route declares. Throws INVALID_REFERENCE naming
 * `field` for a bad one, and VALIDATION when none is given.
 */
export function resolveTagRefs(
  inputs: readonly string[],
  from: RepositoryRef,
  field: string,
): TagRef[] {
  const out = new Map<string, TagRef>();
  for (const input of inputs) {
    try {
      const t = resolveTagRef(input, from);
      out.set(t.reference, t);
    } catch (err) {
      if (!isAppError(err)) throw err;
      throw new AppError(err.code, err.message, { fieldErrors: { [field]: [err.message] } });
    }
  }
  if (out.size === 0)
    throw new AppError('VALIDATION', 'Enter at least one tag', {
      fieldErrors: { [field]: ['Enter at least one tag'] },
    });
  return [...out.values()];
}
