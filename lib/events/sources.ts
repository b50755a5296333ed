import { DISTRIBUTION_MEDIA_TYPES, parseDistributionEnvelope } from './distribution';
import type { ParsedDelivery } from './common';
import { parseEcr } from './ecr';
import { parseGhcr } from './ghcr';
import { parseHarbor } from './harbor';
import { parseDockerHub, parseQuay } from './tag-only';
import { parseZot } from './zot';

/**
 * How each sender proves itself: `bearer` is `Authorization: Bearer <secret>`; `hmac` is GitHub's
 * `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>`; `token` is `?token=<secret>`
 * in the URL, for Docker Hub and Quay, whose webhooks can set no header.
 */
export type EventAuth = 'bearer' | 'hmac' | 'token';

/** One event source: how it authenticates, what it sends, and its parser. */
export interface EventSource {
  auth: EventAuth;
  mediaTypes: readonly string[];
  parse: (body: unknown, headers: Headers, now?: Date) => ParsedDelivery;
}

const JSON_TYPES = ['application/json'] as const;
const CLOUD_TYPES = ['application/cloudevents+json', 'application/json'] as const;

/** The sources `POST /api/events/<source>` receives (docs/events.md). */
export const EVENT_SOURCES = {
  distribution: {
    auth: 'bearer',
    mediaTypes: DISTRIBUTION_MEDIA_TYPES,
    parse: (body, _h, now) => parseDistributionEnvelope(body, now),
  },
  harbor: { auth: 'bearer', mediaTypes: CLOUD_TYPES, parse: (b, _h, now) => parseHarbor(b, now) },
  zot: { auth: 'bearer', mediaTypes: CLOUD_TYPES, parse: (b, h, now) => parseZot(b, h, now) },
  ghcr: {
    auth: 'hmac',
    mediaTypes: JSON_TYPES,
    // GitHub's `ping` on creating the webhook is answered 202 so its UI shows the hook working.
    parse: (b, h, now) =>
      h.get('x-github-event') === 'ping'
        ? { events: [], dropped: 1 }
        : parseGhcr(b, h.get('x-github-delivery') ?? '', now),
  },
  dockerhub: {
    auth: 'token',
    mediaTypes: JSON_TYPES,
    parse: (b, _h, now) => parseDockerHub(b, now),
  },
  quay: { auth: 'token', mediaTypes: JSON_TYPES, parse: (b, _h, now) => parseQuay(b, now) },
  ecr: { auth: 'bearer', mediaTypes: JSON_TYPES, parse: (b, _h, now) => parseEcr(b, now) },
} as const satisfies Record<string, EventSource>;

/** A source name, as in the route and the config. */
export type EventSourceName = keyof typeof EVENT_SOURCES;
