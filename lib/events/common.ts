import { createHash } from 'node:crypto';

import { AppError } from '@/lib/errors';
import { isDigest, isValidRepository, isValidTag } from '@/lib/registry';

import type { RegistryEvent } from './types';

/** What a source's parser keeps from one delivery, and how many events it dropped. */
export interface ParsedDelivery {
  events: RegistryEvent[];
  dropped: number;
}

/** Returns the ISO time of a sender's timestamp (ISO text or Unix seconds), or `now` when unreadable. */
export function timeOf(ts: string | number | undefined, now: Date): string {
  const t = ts === undefined ? now : new Date(typeof ts === 'number' ? ts * 1000 : ts);
  return Number.isNaN(t.getTime()) ? now.toISOString() : t.toISOString();
}

/**
 * Returns an event id for a sender that gives none (Harbor's default format, Docker Hub, Quay):
 * a hash of the whole body, so a redelivery of the same body is the same id. Never throws.
 */
export function bodyId(source: string, body: unknown): string {
  return `${source}:${createHash('sha256').update(JSON.stringify(body)).digest('hex')}`;
}

/** Returns the error for a body that is not the source's documented shape. */
export function notThisSource(source: string, shape: string): AppError<'VALIDATION'> {
  return new AppError('VALIDATION', `The body is not a ${source} event.`, {
    hint: `${source} sends ${shape}; point only ${source}'s webhook at /api/events/${source} (docs/events.md).`,
  });
}

/**
 * Returns a tag push, or null when the repository, tag or digest is not a valid name (then the
 * event is dropped, not stored). A null digest or media type is looked up when it is processed.
 */
export function tagPush(
  base: { id: string; time: string; repository: string; actor: string | null },
  tag: string | undefined,
  digest: string | null | undefined,
  mediaType: string | null = null,
): RegistryEvent | null {
  if (!isValidRepository(base.repository) || !tag || !isValidTag(tag)) return null;
  if (digest && !isDigest(digest)) return null;
  return { ...base, kind: 'tag-push', tag, digest: digest ?? null, mediaType };
}

/** Returns a tag delete (or a delete by digest when no tag is named), or null for invalid names. */
export function tagDelete(
  base: { id: string; time: string; repository: string; actor: string | null },
  tag: string | undefined,
  digest: string | undefined,
): RegistryEvent | null {
  if (!isValidRepository(base.repository)) return null;
  if (tag) return isValidTag(tag) ? { ...base, kind: 'tag-delete', tag } : null;
  if (digest && isDigest(digest)) return { ...base, kind: 'digest-delete', digest };
  return null;
}
