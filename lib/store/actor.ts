import { AsyncLocalStorage } from 'node:async_hooks';

/** Who a change is made for: a signed-in user, an API token, or the local single user. */
export interface Actor {
  /** Stable: 'local', 'local:<name>', 'oidc:<issuer>#<sub>', 'proxy:<name>', 'token:<id>'. */
  id: string;
  /** What the activity log shows. */
  name: string;
}

// The actor travels with the request (and with the job it starts) without every function between
// the route and the store having to pass it along.
const storage = new AsyncLocalStorage<Actor>();

/** Returns fn's result, run with `actor` as the one every activity row and job it writes names. */
export function withActor<T>(actor: Actor | null | undefined, fn: () => T): T {
  return actor ? storage.run(actor, fn) : fn();
}

/** Returns the actor of the current request or job, or undefined outside one. */
export function currentActor(): Actor | undefined {
  return storage.getStore();
}
