import { z } from 'zod';

import { notThisSource, tagDelete, tagPush, timeOf, type ParsedDelivery } from './common';

/**
 * Amazon ECR's EventBridge events (AWS docs, "Amazon ECR events and EventBridge"), delivered by an
 * API destination: `{id, "detail-type": "ECR Image Action", time, detail: {result, "action-type":
 * "PUSH" | "DELETE", "repository-name", "image-digest", "image-tag", "manifest-media-type"}}`.
 */

const schema = z.object({
  id: z.string().min(1).max(200),
  'detail-type': z.string(),
  time: z.string().optional(),
  detail: z
    .object({
      result: z.string().optional(),
      'action-type': z.string().optional(),
      'repository-name': z.string(),
      'image-digest': z.string().optional(),
      'image-tag': z.string().optional(),
      'manifest-media-type': z.string().optional(),
    })
    .optional(),
});

/**
 * Returns the tag push or delete of one successful `ECR Image Action`; failed actions, scans and
 * other detail types are dropped. Throws AppError VALIDATION when the body is not an EventBridge event.
 */
export function parseEcr(body: unknown, now = new Date()): ParsedDelivery {
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw notThisSource('ecr', 'an EventBridge event {"detail-type": "ECR Image Action", ...}');
  const e = parsed.data;
  const d = e.detail;
  if (e['detail-type'] !== 'ECR Image Action' || !d || d.result !== 'SUCCESS')
    return { events: [], dropped: 1 };
  const base = {
    id: e.id,
    time: timeOf(e.time, now),
    repository: d['repository-name'],
    actor: null,
  };
  const ev =
    d['action-type'] === 'PUSH'
      ? tagPush(base, d['image-tag'], d['image-digest'], d['manifest-media-type'] ?? null)
      : d['action-type'] === 'DELETE'
        ? tagDelete(base, d['image-tag'], d['image-digest'])
        : null;
  return ev ? { events: [ev], dropped: 0 } : { events: [], dropped: 1 };
}
