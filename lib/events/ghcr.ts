import { z } from 'zod';

import { notThisSource, tagPush, timeOf, type ParsedDelivery } from './common';

/**
 * GitHub's `registry_package` and `package` webhook events for GHCR (docs.github.com, "Webhook
 * events and payloads"): `{action: "published" | "updated", registry_package | package: {name,
 * namespace, package_type, package_version: {container_metadata: {tag: {name, digest}}}}, sender}`;
 * the delivery's id is the `X-GitHub-Delivery` header.
 */

const pkgSchema = z.object({
  name: z.string(),
  namespace: z.string().optional(),
  owner: z.object({ login: z.string() }).optional(),
  package_type: z.string(),
  updated_at: z.string().optional(),
  package_version: z
    .object({
      container_metadata: z
        .object({ tag: z.object({ name: z.string().optional(), digest: z.string().optional() }) })
        .optional()
        .nullable(),
    })
    .optional(),
});
const schema = z.object({
  action: z.string(),
  registry_package: pkgSchema.optional(),
  package: pkgSchema.optional(),
  sender: z.object({ login: z.string() }).optional(),
});

/**
 * Returns the tag push of a GHCR package event (`deliveryId` is its id); other package types,
 * actions and versions without a tag are dropped. Throws AppError VALIDATION for another body.
 */
export function parseGhcr(body: unknown, deliveryId: string, now = new Date()): ParsedDelivery {
  const parsed = schema.safeParse(body);
  const pkg = parsed.data?.registry_package ?? parsed.data?.package;
  if (!parsed.success || !pkg || !deliveryId)
    throw notThisSource('ghcr', 'a registry_package or package event with X-GitHub-Delivery');
  const owner = pkg.namespace ?? pkg.owner?.login;
  const tag = pkg.package_version?.container_metadata?.tag;
  const published = ['published', 'updated'].includes(parsed.data.action);
  if (!published || pkg.package_type.toLowerCase() !== 'container' || !owner || !tag?.name)
    return { events: [], dropped: 1 };
  const base = {
    id: deliveryId,
    time: timeOf(pkg.updated_at, now),
    // GHCR names are lower case; GitHub reports the owner as spelt on GitHub.
    repository: `${owner}/${pkg.name}`.toLowerCase(),
    actor: parsed.data.sender?.login ?? null,
  };
  const ev = tagPush(base, tag.name, tag.digest || null);
  return ev ? { events: [ev], dropped: 0 } : { events: [], dropped: 1 };
}
