import { getConfig, listenRefusal } from './lib/config';

try {
  const cfg = getConfig();
  const list = cfg.registries.map((r) => `${r.scheme}://${r.host}`).join(', ');
  // scripts/start.mjs says which address it is about to listen on.
  const refusal = cfg.listenHost ? listenRefusal(cfg, cfg.listenHost) : undefined;
  if (refusal) {
    console.error(`Manifold cannot start. ${refusal}`);
    process.exit(1);
  }
  console.log(
    `Manifold: ${cfg.registries.length} registr${cfg.registries.length === 1 ? 'y' : 'ies'} configured${list ? ` (${list})` : ''}; data in ${cfg.dataDir}`,
  );
  if (cfg.events.receivers.length > 0 || cfg.events.reconcile) {
    // Events left in the inbox by a stopped server, and the scheduled reconcile check.
    void Promise.all([import('./lib/events'), import('./lib/events/server')]).then(
      ([{ startEventsBackground }, { serverEventsDeps }]) =>
        startEventsBackground(cfg.events, serverEventsDeps),
      (err: unknown) => console.error('Manifold: the events background work did not start', err),
    );
  }
} catch (err) {
  console.error(`Manifold cannot start. ${(err as Error).message}`);
  process.exit(1);
}
