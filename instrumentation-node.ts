import { getConfig, listenRefusal } from './lib/config';
import { log } from './lib/log';
import { startOperations } from './lib/ops-start';

try {
  const cfg = getConfig();
  const list = cfg.registries.map((r) => `${r.scheme}://${r.host}`).join(', ');
  // scripts/start.mjs says which address it is about to listen on.
  const refusal = cfg.listenHost ? listenRefusal(cfg, cfg.listenHost) : undefined;
  if (refusal) {
    // Start-up refusals are for the person at the terminal, in plain words, before any logger.
    console.error(`Manifold cannot start. ${refusal}`);
    process.exit(1);
  }
  log().info(
    { registries: cfg.registries.length, dataDir: cfg.dataDir },
    `Manifold: ${cfg.registries.length} registr${cfg.registries.length === 1 ? 'y' : 'ies'} configured${list ? ` (${list})` : ''}; data in ${cfg.dataDir}`,
  );
  startOperations(cfg);
} catch (err) {
  console.error(`Manifold cannot start. ${(err as Error).message}`);
  process.exit(1);
}
