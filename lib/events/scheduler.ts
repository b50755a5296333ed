import { randomUUID } from 'node:crypto';

import type { EventsConfig } from '@/lib/config-events';
import { releaseLease, tryLease } from '@/lib/store';

import { scheduleDrain } from './intake';
import type { EventsDeps } from './platforms';
import { reconcileOnce, type ReconcileResult } from './reconcile';

/** The lease row that gives one process the reconcile check's turn. */
export const RECONCILE_LEASE = 'events:reconcile';

const OWNER = `${process.pid}-${randomUUID()}`;

/**
 * Returns the check's result when this process won the turn (the lease, held for one interval,
 * so another process sharing the store skips it), or undefined when another process holds it.
 * Throws when the store fails.
 */
export async function reconcileTurn(
  deps: EventsDeps,
  reconcile: NonNullable<EventsConfig['reconcile']>,
  owner = OWNER,
): Promise<ReconcileResult | undefined> {
  if (!tryLease(RECONCILE_LEASE, owner, reconcile.intervalMs)) return undefined;
  return reconcileOnce(deps, reconcile.watch);
}

const globalForScheduler = globalThis as unknown as { manifoldEventsTimer?: NodeJS.Timeout };

/**
 * Starts the background work of events once per process: drains events left in the inbox by a
 * process that stopped, and runs the reconcile check every interval when configured. Returns a
 * function that stops it (and gives the lease up). Never throws: failures are logged.
 */
export function startEventsBackground(cfg: EventsConfig, deps: () => EventsDeps): () => void {
  if (globalForScheduler.manifoldEventsTimer) return () => undefined;
  if (cfg.receivers.length > 0) void scheduleDrain(deps());
  const reconcile = cfg.reconcile;
  if (!reconcile) return () => undefined;
  let running = false;
  const tick = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      const r = await reconcileTurn(deps(), reconcile);
      if (r?.errors.length) console.warn(`Reconcile check: ${r.errors.join('; ')}`);
    } catch (err) {
      console.error('Reconcile check failed', err);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), reconcile.intervalMs);
  // The check must not keep a process alive that is otherwise done (tests, a stopping server).
  timer.unref();
  globalForScheduler.manifoldEventsTimer = timer;
  setTimeout(() => void tick(), 5_000).unref();
  return () => {
    clearInterval(timer);
    globalForScheduler.manifoldEventsTimer = undefined;
    releaseLease(RECONCILE_LEASE, OWNER);
  };
}
