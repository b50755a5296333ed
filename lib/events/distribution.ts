import { z } from 'zod';

import { AppError } from '@/lib/errors';
import {
  INDEX_MEDIA_TYPES,
  IMAGE_MEDIA_TYPES,
  SCHEMA1_MEDIA_TYPES,
  isDigest,
  isValidRepository,
  isValidTag,
} from '@/lib/registry';

import type { RegistryEvent } from './types';

/**
 * The CNCF distribution registry's notifications (docs/content/about/notifications.md and
 * notifications/event.go, bridge.go of distribution/distribution): an envelope `{"events": [...]}`
 * sent as `application/vnd.docker.distribution.events.v1+json` by 2.x and `...v2+json` by v3.
 */

/** The envelope media types the registry sends, and plain JSON for hand-made test deliveries. */
export const DISTRIBUTION_MEDIA_TYPES = [
  'application/vnd.docker.distribution.events.v1+json',
  'application/vnd.docker.distribution.events.v2+json',
  'application/json',
] as const;

const MANIFEST_TYPES = new Set([
  ...INDEX_MEDIA_TYPES,
  ...IMAGE_MEDIA_TYPES,
  ...SCHEMA1_MEDIA_TYPES,
]);

// Lenient on purpose: the docs ask endpoints not to be picky, or the registry's queue backs up.
// An event this cannot read is dropped (and counted), not a reason to refuse the envelope.
const eventSchema = z.object({
  id: z.string().min(1).max(200),
  timestamp: z.string().optional(),
  action: z.string(),
  target: z
    .object({
      mediaType: z.string().optional(),
      digest: z.string().optional(),
      repository: z.string().optional(),
      tag: z.string().optional(),
    })
    .optional(),
  actor: z.object({ name: z.string().optional() }).optional(),
});

const envelopeSchema = z.object({ events: z.array(z.unknown()).max(1000) });

function timeOf(ts: string | undefined, now: Date): string {
  const t = ts ? new Date(ts) : now;
  return Number.isNaN(t.getTime()) ? now.toISOString() : t.toISOString();
}

/**
 * Returns the event Manifold keeps from one distribution event, or null for what it drops:
 * pulls, mounts, blob pushes, manifest pushes by digest (no tag changed) and unreadable events.
 */
export function classifyDistributionEvent(raw: unknown, now = new Date()): RegistryEvent | null {
  const parsed = eventSchema.safeParse(raw);
  if (!parsed.success) return null;
  const e = parsed.data;
  const repository = e.target?.repository ?? '';
  if (!isValidRepository(repository)) return null;
  const base = {
    id: e.id,
    time: timeOf(e.timestamp, now),
    repository,
    actor: e.actor?.name || null,
  };
  const tag = e.target?.tag;
  const digest = e.target?.digest;
  if (e.action === 'push') {
    // A blob push has a layer or config media type; a manifest pushed by digest moves no tag.
    if (!MANIFEST_TYPES.has(e.target?.mediaType ?? '') || !tag || !isValidTag(tag)) return null;
    if (!digest || !isDigest(digest)) return null;
    return { ...base, kind: 'tag-push', tag, digest, mediaType: e.target!.mediaType! };
  }
  if (e.action !== 'delete') return null;
  // v3 sends a tag delete with target.tag, a repository delete with the repository alone; 2.x
  // (and v3) send a manifest delete, like a blob delete, with only the digest and repository.
  if (tag) return isValidTag(tag) ? { ...base, kind: 'tag-delete', tag } : null;
  if (digest) return isDigest(digest) ? { ...base, kind: 'digest-delete', digest } : null;
  return { ...base, kind: 'repository-delete' };
}

/**
 * Returns the events to keep from a notification envelope and how many were dropped. Throws
 * AppError VALIDATION when the body is not an envelope (`{"events": [...]}`, at most 1000).
 */
export function parseDistributionEnvelope(
  body: unknown,
  now = new Date(),
): { events: RegistryEvent[]; dropped: number } {
  const envelope = envelopeSchema.safeParse(body);
  if (!envelope.success)
    throw new AppError('VALIDATION', 'The body is not a registry notification envelope.', {
      hint: 'The distribution registry sends {"events": [...]}; point its notifications endpoint at /api/events/distribution (docs/events.md).',
    });
  const events: RegistryEvent[] = [];
  for (const raw of envelope.data.events) {
    const e = classifyDistributionEvent(raw, now);
    if (e) events.push(e);
  }
  return { events, dropped: envelope.data.events.length - events.length };
}
