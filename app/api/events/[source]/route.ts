import { z } from 'zod';

import { EVENT_SOURCE_NAMES } from '@/lib/config-events';
import { acceptEvents, EVENT_SOURCES, scheduleDrain } from '@/lib/events';
import { serverEventsDeps } from '@/lib/events/server';
import { json, secretRoute } from '@/lib/http';

export const dynamic = 'force-dynamic';

const paramsSchema = z.object({ source: z.enum(EVENT_SOURCE_NAMES) });

/**
 * POST /api/events/<source>: a registry's events (docs/events.md: distribution, Harbor, zot,
 * GHCR, Docker Hub, Quay, ECR). The sender is the registry whose configured secret the request
 * carries (bearer, URL token or GitHub's HMAC, as the source allows); the events are stored (a
 * redelivered id once) and answered 202 at once; their tag changes are recorded in the background.
 */
export const POST = secretRoute(
  {
    params: paramsSchema,
    receivers: ({ source }, cfg) => cfg.events.receivers.filter((r) => r.source === source),
    auth: ({ source }) => EVENT_SOURCES[source].auth,
    mediaTypes: ({ source }) => EVENT_SOURCES[source].mediaTypes,
  },
  ({ req, params, sender, body }) => {
    const { events, dropped } = EVENT_SOURCES[params.source].parse(body, req.headers, new Date());
    const result = acceptEvents(sender.source, sender.registry, events, dropped);
    if (result.stored > 0) void scheduleDrain(serverEventsDeps());
    return json(result, { status: 202 });
  },
);
