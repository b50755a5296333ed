/**
 * Runs once when the server starts: a bad configuration stops the server with a message that
 * names the bad key and value, instead of failing later on the first request.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getConfig } = await import('./lib/config');
  try {
    const cfg = getConfig();
    console.log(
      `Manifold: ${cfg.registries.length} registr${cfg.registries.length === 1 ? 'y' : 'ies'} configured` +
        (cfg.registries.length ? ` (${cfg.registries.map((r) => `${r.scheme}://${r.host}`).join(', ')})` : ''),
    );
  } catch (err) {
    console.error(`Manifold cannot start. ${(err as Error).message}`);
    process.exit(1);
  }
}
