import fs from 'node:fs';
import path from 'node:path';

import { z } from 'zod';

import { configError } from './config-error';

/**
 * The `events` part of the config file: which registries send their events to Manifold and with
 * what secret, and which repositories the reconcile check watches (docs/events.md).
 */

/** The senders Manifold receives events from; each has its route `POST /api/events/<source>`. */
export const EVENT_SOURCE_NAMES = [
  'distribution',
  'harbor',
  'zot',
  'ghcr',
  'dockerhub',
  'quay',
  'ecr',
] as const;

const receiverSchema = z
  .object({
    /** The sender's format; the route is `POST /api/events/<source>`. */
    source: z.enum(EVENT_SOURCE_NAMES),
    /** The configured registry (its `host`) whose events these are. */
    registry: z.string().min(1),
    secret: z.string().min(16, 'use at least 16 characters (e.g. openssl rand -hex 32)').optional(),
    secretEnv: z.string().min(1).optional(),
    secretFile: z.string().min(1).optional(),
  })
  .strict();

const watchSchema = z
  .object({
    registry: z.string().min(1),
    /** Repository names or patterns (`team/*`); a pattern lists the catalog. */
    repositories: z.array(z.string().min(1)).min(1),
  })
  .strict();

const ruleSchema = z
  .object({
    /** Named in violations and webhook messages (default: the rule's position). */
    name: z.string().min(1).optional(),
    registry: z.string().min(1),
    /** Repository names or patterns (`team-a/*`). */
    repositories: z.array(z.string().min(1)).min(1),
    /** Tag names or patterns (`v*`, `latest`); default every tag. */
    tags: z.array(z.string().min(1)).min(1).default(['*']),
    /** e.g. `linux/amd64`, `linux/arm64`. */
    platforms: z.array(z.string().regex(/^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/)).min(1),
  })
  .strict();

const webhookSchema = z
  .object({
    url: z.url({ protocol: /^https?$/ }),
    secret: z.string().min(16).optional(),
    secretEnv: z.string().min(1).optional(),
    secretFile: z.string().min(1).optional(),
  })
  .strict();

const eventsSchema = z
  .object({
    receivers: z.array(receiverSchema).default([]),
    requiredPlatforms: z.array(ruleSchema).default([]),
    webhooks: z.array(webhookSchema).default([]),
    reconcile: z
      .object({
        intervalSeconds: z.number().int().min(10).max(86_400).default(300),
        watch: z.array(watchSchema).min(1),
      })
      .strict()
      .optional(),
  })
  .strict();

/** The config file's keys this module owns (spread into lib/config.ts's file schema). */
export const eventsFileShape = { events: eventsSchema.optional() };

/** A registry that sends its events to Manifold, with the secret it authenticates by. */
export interface EventReceiver {
  source: (typeof EVENT_SOURCE_NAMES)[number];
  registry: string;
  secret: string;
}

/** Platforms every matching tag must have (docs/events.md, "Required platforms"). */
export interface PlatformRule {
  name: string;
  registry: string;
  repositories: string[];
  tags: string[];
  platforms: string[];
}

/** Where violations are sent: a JSON POST signed with HMAC-SHA256 of the secret. */
export interface OutgoingWebhook {
  url: string;
  secret: string;
}

/** What lib/events runs on. */
export interface EventsConfig {
  receivers: EventReceiver[];
  rules: PlatformRule[];
  webhooks: OutgoingWebhook[];
  reconcile: {
    intervalMs: number;
    watch: { registry: string; repositories: string[] }[];
  } | null;
}

/** The events configuration of a config without an `events` key. */
export const NO_EVENTS: EventsConfig = { receivers: [], rules: [], webhooks: [], reconcile: null };

function readSecret(
  r: {
    secret?: string | undefined;
    secretEnv?: string | undefined;
    secretFile?: string | undefined;
  },
  key: string,
  env: Record<string, string | undefined>,
  baseDir: string,
): string {
  const given = [r.secret, r.secretEnv, r.secretFile].filter((x) => x !== undefined).length;
  if (given !== 1)
    throw configError(key, undefined, 'set exactly one of secret, secretEnv and secretFile');
  let secret = r.secret;
  if (r.secretEnv) {
    secret = env[r.secretEnv];
    if (secret === undefined)
      throw configError(`${key}.secretEnv`, r.secretEnv, 'that environment variable is not set');
  } else if (r.secretFile) {
    try {
      secret = fs
        .readFileSync(path.resolve(/*turbopackIgnore: true*/ baseDir, r.secretFile), 'utf8')
        .trim();
    } catch (err) {
      throw configError(
        `${key}.secretFile`,
        r.secretFile,
        `cannot read it (${(err as Error).message})`,
      );
    }
  }
  // A short secret can be guessed by a sender trying them one after another.
  if (!secret || secret.length < 16)
    throw configError(key, undefined, 'the secret must be at least 16 characters');
  return secret;
}

/**
 * Returns the events configuration from the file's `events` key (empty when absent). Throws
 * AppError CONFIG naming the key when a secret is missing or short, a registry is not configured,
 * or two receivers share a secret (the secret is what tells the senders apart).
 */
export function toEventsConfig(
  file: z.output<typeof eventsSchema> | undefined,
  registries: readonly string[],
  env: Record<string, string | undefined>,
  baseDir: string,
): EventsConfig {
  if (!file) return NO_EVENTS;
  const known = new Set(registries);
  const receivers = file.receivers.map((r, i) => {
    const key = `events.receivers[${i}]`;
    if (!known.has(r.registry.toLowerCase()))
      throw configError(`${key}.registry`, r.registry, 'is not one of the configured registries');
    return {
      source: r.source,
      registry: r.registry.toLowerCase(),
      secret: readSecret(r, key, env, baseDir),
    };
  });
  if (new Set(receivers.map((r) => r.secret)).size !== receivers.length)
    throw configError('events.receivers', undefined, 'each registry needs its own secret');
  const rec = file.reconcile;
  rec?.watch.forEach((w, i) => {
    if (!known.has(w.registry.toLowerCase()))
      throw configError(
        `events.reconcile.watch[${i}].registry`,
        w.registry,
        'is not one of the configured registries',
      );
  });
  const rules = file.requiredPlatforms.map((r, i) => {
    if (!known.has(r.registry.toLowerCase()))
      throw configError(
        `events.requiredPlatforms[${i}].registry`,
        r.registry,
        'is not one of the configured registries',
      );
    return { ...r, name: r.name ?? `rule ${i + 1}`, registry: r.registry.toLowerCase() };
  });
  const webhooks = file.webhooks.map((w, i) => ({
    url: w.url,
    secret: readSecret(w, `events.webhooks[${i}]`, env, baseDir),
  }));
  return {
    receivers,
    rules,
    webhooks,
    reconcile: rec
      ? {
          intervalMs: rec.intervalSeconds * 1000,
          watch: rec.watch.map((w) => ({ ...w, registry: w.registry.toLowerCase() })),
        }
      : null,
  };
}
