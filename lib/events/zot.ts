import { z } from 'zod';

import { notThisSource, tagDelete, tagPush, timeOf, type ParsedDelivery } from './common';

/**
 * zot's events (zotregistry.dev, "Events"): one CloudEvent per request,
 * `{specversion, id, type: "zotregistry.image.updated", time, data: {name, reference, digest,
 * mediaType}}`; `zotregistry.image.deleted` for a delete.
 */

const cloudSchema = z.object({
  specversion: z.string(),
  id: z.string().min(1).max(200),
  type: z.string(),
  time: z.string().optional(),
  data: z
    .object({
      name: z.string(),
      reference: z.string().optional(),
      digest: z.string().optional(),
      mediaType: z.string().optional(),
    })
    .optional(),
});

// The CloudEvents HTTP binding's binary mode (the Go SDK's default) carries the attributes as
// `ce-*` headers and only `data` as the body; the structured mode sends the whole event as JSON.
function structured(body: unknown, headers: Headers): unknown {
  const specversion = headers.get('ce-specversion');
  if (!specversion) return body;
  const attr = (k: string) => headers.get(`ce-${k}`) ?? undefined;
  return { specversion, id: attr('id'), type: attr('type'), time: attr('time'), data: body };
}

/**
 * Returns the tag push or delete of one zot CloudEvent (structured or binary mode); other types (repository created, lint
 * failed) and references that are digests are dropped. Throws AppError VALIDATION when the body
 * is not a CloudEvent.
 */
export function parseZot(body: unknown, headers: Headers, now = new Date()): ParsedDelivery {
  const parsed = cloudSchema.safeParse(structured(body, headers));
  if (!parsed.success) throw notThisSource('zot', 'a CloudEvent {"specversion": "1.0", ...}');
  const e = parsed.data;
  if (!e.data) return { events: [], dropped: 1 };
  const base = { id: e.id, time: timeOf(e.time, now), repository: e.data.name, actor: null };
  const ref = e.data.reference?.startsWith('sha256:') ? undefined : e.data.reference;
  const ev =
    // zot's `typePrefix` setting replaces the `zotregistry` of the type.
    e.type.endsWith('.image.updated')
      ? tagPush(base, ref, e.data.digest, e.data.mediaType ?? null)
      : e.type.endsWith('.image.deleted')
        ? tagDelete(base, ref, e.data.digest)
        : null;
  return ev ? { events: [ev], dropped: 0 } : { events: [], dropped: 1 };
}
