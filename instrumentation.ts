/**
 * Runs once when the server starts. The Node.js part checks the configuration and the store, so
 * a bad configuration or an unusable data folder stops the server with a message that names it.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startNode } = await import('./instrumentation-node');
    await startNode();
  }
}
