import { getConfig } from './lib/config';

try {
  const cfg = getConfig();
  const list = cfg.registries.map((r) => `${r.scheme}://${r.host}`).join(', ');
  console.log(
    `Manifold: ${cfg.registries.length} registr${cfg.registries.length === 1 ? 'y' : 'ies'} configured${list ? ` (${list})` : ''}; data in ${cfg.dataDir}`,
  );
} catch (err) {
  console.error(`Manifold cannot start. ${(err as Error).message}`);
  process.exit(1);
}
