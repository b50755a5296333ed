import { getConfig } from '@/lib/config';
import { resumeJobsForTests, stopJobs } from '@/lib/jobs';
import { log } from '@/lib/log';
import { closeDb, storeHealth } from '@/lib/store';

/** One readiness check's state: 'ok', or a word saying what is wrong. */
export interface Readiness {
  ready: boolean;
  checks: { store: string; migrations: string; shutdown: 'ok' | 'shutting-down' };
  /** The names of the checks that failed, e.g. ['store']. */
  failing: string[];
}

interface LifecycleState {
  shuttingDown: boolean;
  stopping?: Promise<void>;
  /** What else shutdown closes (the metrics listener). */
  closers: (() => Promise<void> | void)[];
}

// Kept on globalThis: the SIGTERM handler (instrumentation) and the routes are bundled separately.
const globalForLife = globalThis as unknown as { manifoldLifecycle?: LifecycleState };

function life(): LifecycleState {
  globalForLife.manifoldLifecycle ??= { shuttingDown: false, closers: [] };
  return globalForLife.manifoldLifecycle;
}

/** Returns true from the moment shutdown begins. */
export function isShuttingDown(): boolean {
  return life().shuttingDown;
}

/** Returns whether this process should get traffic: store reachable, schema current, not stopping. */
export function readiness(): Readiness {
  const store = storeHealth();
  const checks: Readiness['checks'] = {
    store: store.store,
    migrations: store.migrations,
    shutdown: life().shuttingDown ? 'shutting-down' : 'ok',
  };
  const failing = Object.entries(checks)
    .filter(([, v]) => v !== 'ok')
    .map(([k]) => k);
  return { ready: failing.length === 0, checks, failing };
}

/** Registers something shutdown closes after the jobs have stopped (e.g. the metrics listener). */
export function onShutdown(close: () => Promise<void> | void): void {
  life().closers.push(close);
}

/**
 * Returns once the process may exit: readiness turns 503 at once; after the drain time no job
 * starts any more, running jobs get what is left of the bound less a margin to finish and are
 * then interrupted (a retry resumes them); the store is closed. Calling it again returns the same promise. Never throws.
 */
export function shutdown(
  timeoutMs = getConfig().shutdownTimeoutMs,
  drainMs = getConfig().shutdownDrainMs,
): Promise<void> {
  const s = life();
  if (s.stopping) return s.stopping;
  s.shuttingDown = true;
  log().info({ timeoutMs, drainMs }, 'shutdown: not ready any more');
  // Keep a margin inside the bound for interrupting jobs and closing the store.
  const grace = Math.max(0, timeoutMs - drainMs - 3000);
  s.stopping = (async () => {
    // Still serving while the load balancer notices the 503 and stops sending.
    if (drainMs > 0) await new Promise((resolve) => setTimeout(resolve, drainMs));
    const { interrupted } = await stopJobs(grace);
    for (const close of s.closers) {
      try {
        await close();
      } catch (err) {
        log().warn({ err }, 'shutdown: a listener did not close');
      }
    }
    closeDb();
    log().info({ interrupted }, 'shutdown: done');
  })();
  return s.stopping;
}

/** Ends a shutdown begun in this process (tests only: a real process exits after shutdown). */
export function resetShutdownForTests(): void {
  globalForLife.manifoldLifecycle = { shuttingDown: false, closers: [] };
  resumeJobsForTests();
}
