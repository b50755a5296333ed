/**
 * Runs once when the server starts. The Node.js part checks the configuration, so a bad
 * configuration stops the server with a message that names the bad key and value.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') await import('./instrumentation-node');
}
