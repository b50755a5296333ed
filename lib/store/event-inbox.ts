import { getDb, nowIso } from './db';

/** A received event waiting in the store until it is processed. */
export interface InboxEvent {
  id: number;
  source: string;
  registry: string;
  eventId: string;
  /** The normalised event (lib/events), as JSON. */
  payload: string;
  receivedAt: string;
}

interface Row {
  id: number;
  source: string;
  registry: string;
  event_id: string;
  payload: string;
  received_at: string;
}

/**
 * Returns how many of the events were new after storing them; an event id already stored for
 * that source and registry (a redelivery) is left as it is. One transaction; throws on SQLite errors.
 */
export function storeInboxEvents(
  source: string,
  registry: string,
  events: { eventId: string; payload: string }[],
): number {
  const db = getDb();
  const insert = db.prepare(
    `INSERT OR IGNORE INTO event_inbox (source, registry, event_id, payload, received_at)
     VALUES (?, ?, ?, ?, ?)`,
  );
  const now = nowIso();
  return db.transaction(() =>
    events.reduce((n, e) => n + insert.run(source, registry, e.eventId, e.payload, now).changes, 0),
  )();
}

/**
 * Returns the oldest unprocessed event after claiming it for `owner`, or undefined when none is
 * waiting. A claim older than `staleMs` (its process died) may be taken over.
 */
export function claimInboxEvent(owner: string, staleMs = 60_000): InboxEvent | undefined {
  const now = Date.now();
  const stale = new Date(now - staleMs).toISOString();
  const row = getDb()
    .prepare(
      `UPDATE event_inbox SET claimed_by = ?, claimed_at = ?
       WHERE id = (SELECT id FROM event_inbox WHERE processed_at IS NULL
                     AND (claimed_at IS NULL OR claimed_at < ?) ORDER BY id LIMIT 1)
       RETURNING id, source, registry, event_id, payload, received_at`,
    )
    .get(owner, new Date(now).toISOString(), stale) as Row | undefined;
  return row
    ? {
        id: row.id,
        source: row.source,
        registry: row.registry,
        eventId: row.event_id,
        payload: row.payload,
        receivedAt: row.received_at,
      }
    : undefined;
}

/** Marks a claimed event processed (with the error that stopped it, if any); throws on SQLite errors. */
export function finishInboxEvent(id: number, error?: string): void {
  getDb()
    .prepare('UPDATE event_inbox SET processed_at = ?, error = ? WHERE id = ?')
    .run(nowIso(), error ?? null, id);
}

/** Returns the number of stored events (of one source and registry when given): for tests and health. */
export function countInboxEvents(filter: { source?: string; registry?: string } = {}): number {
  const row = getDb()
    .prepare(
      `SELECT COUNT(*) AS n FROM event_inbox WHERE (? IS NULL OR source = ?) AND (? IS NULL OR registry = ?)`,
    )
    .get(
      filter.source ?? null,
      filter.source ?? null,
      filter.registry ?? null,
      filter.registry ?? null,
    ) as { n: number };
  return row.n;
}
