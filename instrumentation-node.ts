import { getConfig, listenRefusal } from './lib/config';
import { hintFor, isAppError } from './lib/errors';
import { log } from './lib/log';
import { startOperations } from './lib/ops-start';
import { openStoreAtStart } from './lib/store';

// Start-up refusals are for the person at the terminal, in plain words, before any logger.
function refuse(message: string): never {
  console.error(`Manifold cannot start. ${message}`);
  process.exit(1);
}

/**
 * Checks what a server needs before it answers anyone: the configuration, the listen address and
 * the store (writable, not damaged, not locked, not served by another process), then starts the
 * operations side (metrics port, shutdown) and the events work. Returns when all is well;
 * otherwise prints what is wrong and how to fix it, and exits with status 1.
 */
export async function startNode(): Promise<void> {
  let cfg: ReturnType<typeof getConfig>;
  try {
    cfg = getConfig();
  } catch (err) {
    refuse((err as Error).message);
  }
  const list = cfg.registries.map((r) => `${r.scheme}://${r.host}`).join(', ');
  // scripts/start.mjs says which address it is about to listen on.
  const refusal = cfg.listenHost ? listenRefusal(cfg, cfg.listenHost) : undefined;
  if (refusal) refuse(refusal);
  try {
    await openStoreAtStart(cfg.dataDir);
  } catch (err) {
    if (!isAppError(err)) {
      // Not a failure the store knows (a migration's SQL, a bug): its own words, then stop.
      console.error(err);
      refuse(`The database in ${cfg.dataDir} could not be opened: ${(err as Error).message}`);
    }
    refuse(`${err.message} ${err.hint ?? hintFor(err.code) ?? ''}`.trim());
  }
  log().info(
    { registries: cfg.registries.length, dataDir: cfg.dataDir },
    `Manifold: ${cfg.registries.length} registr${cfg.registries.length === 1 ? 'y' : 'ies'} configured${list ? ` (${list})` : ''}; data in ${cfg.dataDir}`,
  );
  startOperations(cfg);
  if (cfg.events.receivers.length > 0 || cfg.events.reconcile) {
    // Events left in the inbox by a stopped server, and the scheduled reconcile check.
    void Promise.all([import('./lib/events'), import('./lib/events/server')]).then(
      ([{ startEventsBackground }, { serverEventsDeps }]) =>
        startEventsBackground(cfg.events, serverEventsDeps),
      (err: unknown) => log().error({ err }, 'Manifold: the events background work did not start'),
    );
  }
}
