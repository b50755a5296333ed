import { z } from 'zod';

import { bodyId, notThisSource, tagPush, timeOf, type ParsedDelivery } from './common';
import type { RegistryEvent } from './types';

/**
 * Docker Hub's and Quay's push webhooks name the pushed tags but no digest: the digest is read
 * with one HEAD when the stored event is processed. Neither sends an event id, so the body's hash
 * is one (a redelivery is the same body).
 */

// docs.docker.com, "Webhooks" (Docker Hub): the example payload.
const hubSchema = z.object({
  push_data: z.object({
    pushed_at: z.number().optional(),
    pusher: z.string().optional(),
    tag: z.string(),
  }),
  repository: z.object({ repo_name: z.string() }),
});

// docs.quay.io, "Repository notifications", "Repository Push".
const quaySchema = z.object({
  repository: z.string(),
  updated_tags: z.array(z.string()).max(1000),
});

/** Returns the tag push of a Docker Hub webhook. Throws AppError VALIDATION for another body. */
export function parseDockerHub(body: unknown, now = new Date()): ParsedDelivery {
  const parsed = hubSchema.safeParse(body);
  if (!parsed.success)
    throw notThisSource('dockerhub', '{"push_data": {...}, "repository": {...}}');
  const { push_data: p, repository } = parsed.data;
  // Docker Hub keeps official images under library/; its webhook names them without it.
  const name = repository.repo_name.includes('/')
    ? repository.repo_name
    : `library/${repository.repo_name}`;
  const base = {
    id: bodyId('dockerhub', body),
    time: timeOf(p.pushed_at, now),
    repository: name,
    actor: p.pusher ?? null,
  };
  const ev = tagPush(base, p.tag, null);
  return ev ? { events: [ev], dropped: 0 } : { events: [], dropped: 1 };
}

/** Returns one tag push per updated tag of a Quay push notification. Throws AppError VALIDATION for another body. */
export function parseQuay(body: unknown, now = new Date()): ParsedDelivery {
  const parsed = quaySchema.safeParse(body);
  if (!parsed.success) throw notThisSource('quay', '{"repository": ..., "updated_tags": [...]}');
  // Quay's body carries no time either: a second push of the same tag sends the same body, so the
  // id holds the 10-minute window it arrived in (Quay's retries of one notification fall in it).
  const id = `${bodyId('quay', body)}@${Math.floor(now.getTime() / 600_000)}`;
  const events: RegistryEvent[] = [];
  for (const tag of parsed.data.updated_tags) {
    const base = {
      id: `${id}#${tag}`,
      time: now.toISOString(),
      repository: parsed.data.repository,
      actor: null,
    };
    const ev = tagPush(base, tag, null);
    if (ev) events.push(ev);
  }
  return { events, dropped: parsed.data.updated_tags.length - events.length };
}
