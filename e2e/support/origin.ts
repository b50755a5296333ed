/**
 * The Origin header a browser sends with a change from Manifold's own pages. Manifold refuses
 * changes without it (CSRF), so API calls a spec makes for its set-up send it too.
 */
export const SAME_ORIGIN = { origin: `http://127.0.0.1:${process.env.E2E_APP_PORT ?? 3100}` };
