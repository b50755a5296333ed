// Starts a throwaway distribution registry in one of the test configurations and keeps it
// running until Ctrl-C (which stops it and removes its temp dir).
//   tsx scripts/registry.ts [--variant plain|basic|token|tls] [--port 5000] [--data-dir DIR] [--seed]
import { parseArgs } from 'node:util';

import { startRegistry, type RegistryVariant } from '../test/support/registry';
import { seedDemo } from './seed-lib';

const VARIANTS: readonly RegistryVariant[] = ['plain', 'basic', 'token', 'tls'];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      variant: { type: 'string', default: 'plain' },
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      seed: { type: 'boolean', default: false },
    },
  });
  const variant = values.variant as RegistryVariant;
  if (!VARIANTS.includes(variant))
    throw new Error(`--variant must be one of ${VARIANTS.join(', ')}`);
  const registry = await startRegistry({
    variant,
    ...(values.port ? { port: Number(values.port) } : {}),
    ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
  });
  console.log(`registry (${variant}) at ${registry.url}`);
  console.log(`  data: ${registry.dataDir}`);
  if (registry.username)
    console.log(`  credentials: ${registry.username} / ${registry.password ?? ''}`);
  if (registry.caFile) console.log(`  CA: ${registry.caFile}`);
  if (registry.tokenServer)
    console.log(
      `  token realm: ${registry.tokenServer.realm} (service ${registry.tokenServer.service})`,
    );
  if (values.seed) {
    const seeded = await seedDemo({
      url: registry.url,
      ...(registry.caFile ? { caFile: registry.caFile } : {}),
      ...(registry.username
        ? { username: registry.username, password: registry.password ?? '' }
        : {}),
    });
    console.log(`  seeded ${Object.keys(seeded).length} demo tags`);
  }
  console.log('Ctrl-C stops it.');
  const stop = (): void => {
    void registry.stop().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  setInterval(() => undefined, 60_000);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
