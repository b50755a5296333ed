// Seeds the demo images into a registry and prints ref -> digest.
//   tsx scripts/seed.ts [--url http://127.0.0.1:5000] [--username u --password p] [--ca-file ca.pem]
// The URL defaults to $MANIFOLD_SEED_URL, else http://127.0.0.1:5000.
import { parseArgs } from 'node:util';

import { seedDemo } from './seed-lib';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      username: { type: 'string' },
      password: { type: 'string' },
      'ca-file': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(
      'Usage: tsx scripts/seed.ts [--url URL] [--username U --password P] [--ca-file PEM]',
    );
    return;
  }
  const url = values.url ?? process.env.MANIFOLD_SEED_URL ?? 'http://127.0.0.1:5000';
  const started = Date.now();
  const seeded = await seedDemo({
    url,
    ...(values.username !== undefined
      ? { username: values.username, password: values.password ?? '' }
      : {}),
    ...(values['ca-file'] ? { caFile: values['ca-file'] } : {}),
  });
  const width = Math.max(...Object.keys(seeded).map((k) => k.length));
  console.log(`${'REF'.padEnd(width)}  DIGEST`);
  for (const [ref, digest] of Object.entries(seeded))
    console.log(`${ref.padEnd(width)}  ${digest}`);
  console.log(
    `\nSeeded ${Object.keys(seeded).length} tags into ${url} in ${Date.now() - started} ms.`,
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? `seed failed: ${err.message}` : err);
  process.exit(1);
});
