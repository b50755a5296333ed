import { z } from 'zod';

import {
  acceptEvents,
  DISTRIBUTION_MEDIA_TYPES,
  parseDistributionEnvelope,
  scheduleDrain,
} from '@/lib/events';
import { serverEventsDeps } from '@/lib/events/server';
import { json, secretRoute } from '@/lib/http';

export const dynamic = 'force-dynamic';

const paramsSchema = z.object({ source: z.enum(['distribution']) });

/**
 * POST /api/events/distribution: the distribution registry's notifications (docs/events.md). The
 * sender is the registry whose configured secret the bearer header carries; the events are stored
 * (a redelivered id once) and answered 202 at once; their tag changes are recorded in the background.
 */
export const POST = secretRoute(
  {
    params: paramsSchema,
    receivers: ({ source }, cfg) => cfg.events.receivers.filter((r) => r.source === source),
    mediaTypes: DISTRIBUTION_MEDIA_TYPES,
  },
  ({ sender, body }) => {
    const { events, dropped } = parseDistributionEnvelope(body);
    const result = acceptEvents(sender.source, sender.registry, events, dropped);
    if (result.stored > 0) void scheduleDrain(serverEventsDeps());
    return json(result, { status: 202 });
  },
);
