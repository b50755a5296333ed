import { z } from 'zod';

import { bodyId, notThisSource, tagDelete, tagPush, timeOf, type ParsedDelivery } from './common';
import type { RegistryEvent } from './types';

/**
 * Harbor's webhooks (goharbor.io docs, "Configure Webhooks"): the default JSON format
 * `{type: "PUSH_ARTIFACT", occur_at, operator, event_data: {resources, repository}}` and the
 * CloudEvents format `{specversion, id, type: "harbor.artifact.pushed", time, operator, data}`.
 */

const resourceSchema = z.object({ digest: z.string().optional(), tag: z.string().optional() });
const dataSchema = z.object({
  resources: z.array(resourceSchema).max(1000).default([]),
  repository: z.object({ repo_full_name: z.string() }),
});
const defaultSchema = z.object({
  type: z.string(),
  occur_at: z.number().optional(),
  operator: z.string().optional(),
  event_data: dataSchema.optional(),
});
const cloudSchema = z.object({
  specversion: z.string(),
  id: z.string().min(1).max(200),
  type: z.string(),
  time: z.string().optional(),
  operator: z.string().optional(),
  data: dataSchema.optional(),
});

const ACTIONS: Record<string, 'push' | 'delete'> = {
  PUSH_ARTIFACT: 'push',
  DELETE_ARTIFACT: 'delete',
  'harbor.artifact.pushed': 'push',
  'harbor.artifact.deleted': 'delete',
};

/**
 * Returns the tag pushes and deletes of a Harbor webhook in either format, one per resource; the
 * other event types (pulls, scans, quotas, replication) are dropped. Throws AppError VALIDATION
 * when the body is neither Harbor format.
 */
export function parseHarbor(body: unknown, now = new Date()): ParsedDelivery {
  const cloud = cloudSchema.safeParse(body);
  const plain = cloud.success ? undefined : defaultSchema.safeParse(body);
  if (!cloud.success && !plain?.success)
    throw notThisSource('harbor', '{"type": "PUSH_ARTIFACT", "event_data": {...}} or a CloudEvent');
  const e = cloud.success
    ? { ...cloud.data, when: cloud.data.time as string | number | undefined, data: cloud.data.data }
    : {
        ...plain!.data!,
        id: bodyId('harbor', body),
        when: plain!.data!.occur_at,
        data: plain!.data!.event_data,
      };
  const action = ACTIONS[e.type];
  const resources = e.data?.resources ?? [];
  if (!action || !e.data) return { events: [], dropped: Math.max(resources.length, 1) };
  const events: RegistryEvent[] = [];
  resources.forEach((r, i) => {
    const base = {
      id: `${e.id}#${i}`,
      time: timeOf(e.when, now),
      repository: e.data!.repository.repo_full_name,
      actor: e.operator || null,
    };
    // Harbor names an artifact pushed by digest with its digest in `tag`: no tag moved.
    const tag = r.tag && !r.tag.startsWith('sha256:') ? r.tag : undefined;
    const ev = action === 'push' ? tagPush(base, tag, r.digest) : tagDelete(base, tag, r.digest);
    if (ev) events.push(ev);
  });
  return { events, dropped: resources.length - events.length };
}
