import { randomUUID } from 'node:crypto';

import { AppError } from '@/lib/errors';
import {
  claimInboxEvent,
  finishInboxEvent,
  insertTagChange,
  knownTags,
  storeInboxEvents,
  tagsHolding,
} from '@/lib/store';

import { platformsOf, type EventsDeps } from './platforms';
import { checkTagChange } from './rules';
import type { RegistryEvent } from './types';

/** What an accepted delivery did: events stored, redeliveries of stored ones, and ones dropped. */
export interface IntakeResult {
  stored: number;
  duplicates: number;
  dropped: number;
}

// Which process claimed an inbox row: a row claimed by a process that died is taken over later.
const OWNER = `${process.pid}-${randomUUID()}`;

/**
 * Returns what was stored after putting the events in the inbox (one row per event id, so a
 * redelivery stores nothing). A delete by digest that no known tag holds (a blob, or a manifest
 * Manifold never saw tagged) is dropped here: it changes no tag history. Throws on SQLite errors.
 */
export function acceptEvents(
  source: string,
  registry: string,
  events: RegistryEvent[],
  alreadyDropped = 0,
): IntakeResult {
  const kept = events.filter(
    (e) => e.kind !== 'digest-delete' || tagsHolding(registry, e.repository, e.digest).length > 0,
  );
  const stored = storeInboxEvents(
    source,
    registry,
    kept.map((e) => ({ eventId: e.id, payload: JSON.stringify(e) })),
  );
  return {
    stored,
    duplicates: kept.length - stored,
    dropped: alreadyDropped + events.length - kept.length,
  };
}

/**
 * Returns the pushed digest and media type, with one HEAD (by digest when the sender named it,
 * else by tag) for what the sender left out. Throws AppError MANIFEST_UNKNOWN when the registry no
 * longer has it, and the registry client's errors.
 */
async function resolvePush(
  deps: EventsDeps,
  registry: string,
  e: Extract<RegistryEvent, { kind: 'tag-push' }>,
): Promise<{ digest: string; mediaType: string | null }> {
  if (e.digest && e.mediaType) return { digest: e.digest, mediaType: e.mediaType };
  const repo = { registry, repository: e.repository };
  const head = await deps.client.headManifest(repo, e.digest ?? e.tag, {
    ...(deps.signal ? { signal: deps.signal } : {}),
  });
  if (!head)
    throw new AppError(
      'MANIFEST_UNKNOWN',
      `${e.repository}:${e.tag} is no longer in the registry.`,
    );
  return { digest: e.digest ?? head.digest, mediaType: head.mediaType ?? null };
}

/** Records the tag changes one event means; throws when the store fails. */
async function applyEvent(deps: EventsDeps, registry: string, e: RegistryEvent): Promise<void> {
  const base = { registry, repository: e.repository, time: e.time, actor: e.actor };
  const deleted = {
    ...base,
    digest: null,
    mediaType: null,
    platforms: null,
    via: 'event' as const,
  };
  if (e.kind === 'tag-push') {
    const target = await resolvePush(deps, registry, e);
    const platforms = await platformsOf(deps, { registry, repository: e.repository }, target);
    insertTagChange({ ...base, tag: e.tag, ...target, platforms, via: 'event' });
    const key = { registry, repository: e.repository, tag: e.tag };
    checkTagChange(deps.policy, key, { via: 'event', actor: e.actor, time: e.time });
  } else if (e.kind === 'tag-delete') {
    insertTagChange({ ...deleted, tag: e.tag });
  } else if (e.kind === 'digest-delete') {
    // 2.x names only the digest: every tag that held it went with it.
    for (const tag of tagsHolding(registry, e.repository, e.digest))
      insertTagChange({ ...deleted, tag });
  } else {
    for (const t of knownTags(registry, e.repository))
      if (t.digest) insertTagChange({ ...deleted, tag: t.tag });
  }
}

/**
 * Returns how many inbox events this call processed: it claims the waiting ones one at a time
 * (another process may be draining too) and records their tag changes. An event that fails is
 * marked with its error and not retried, so one bad event cannot stop the queue. Never throws.
 */
export async function drainInbox(deps: EventsDeps): Promise<number> {
  let done = 0;
  for (;;) {
    let row;
    try {
      row = claimInboxEvent(OWNER);
    } catch (err) {
      console.error('events: cannot claim an inbox event', err);
      return done;
    }
    if (!row) return done;
    let error: string | undefined;
    try {
      await applyEvent(deps, row.registry, JSON.parse(row.payload) as RegistryEvent);
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
      console.error(`events: event ${row.eventId} from ${row.registry} failed`, err);
    }
    try {
      finishInboxEvent(row.id, error);
    } catch (err) {
      // Left claimed: another drain takes it over once the claim is stale.
      console.error('events: cannot mark an inbox event done', err);
      return done;
    }
    done++;
  }
}

let draining: Promise<number> | undefined;
let again = false;

/**
 * Starts draining the inbox in the background unless this process already is (then it drains
 * once more when done, for what arrived meanwhile). Returns the running drain, for tests.
 */
export function scheduleDrain(deps: EventsDeps): Promise<number> {
  if (draining) {
    again = true;
    return draining;
  }
  const run = async (): Promise<number> => {
    let total = 0;
    do {
      again = false;
      total += await drainInbox(deps);
    } while (again);
    return total;
  };
  draining = run().finally(() => {
    draining = undefined;
  });
  return draining;
}
