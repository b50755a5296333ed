/**
 * Shared setup of the image-action integration tests: a private SQLite store, the retag and copy
 * job kinds bound to a test client, and small helpers.
 */
import { expect } from 'vitest';

import type { Failure, Result } from '@/lib/errors';
import { createDeleteSupportCache, registerActionJobKinds, type ActionDeps } from '@/lib/actions';
import type { RegistryClient } from '@/lib/registry';
import { waitForJob, type Job } from '@/lib/jobs';

export { openTestStore } from './push-setup';

/** Returns the action deps for a client, registering the retag and copy job kinds with it. */
export function actionDepsFor(client: RegistryClient): ActionDeps {
  registerActionJobKinds(() => client);
  // A cache per test file: registries on reused ports must not inherit another file's answers.
  return { client, deleteSupportCache: createDeleteSupportCache() };
}

/** Returns the value of a successful result; fails the test with the failure's message otherwise. */
export function value<T>(result: Result<T>): T {
  expect(result.ok, result.ok ? '' : `${result.code}: ${result.message}`).toBe(true);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

/** Returns the failure of a result that was expected to fail. */
export function failure<T>(result: Result<T>): Failure {
  expect(result.ok, 'expected a failure').toBe(false);
  if (result.ok) throw new Error('expected a failure');
  return result;
}

/** Returns the job once it finished, after checking it succeeded. */
export async function succeeded<P, R>(job: Job<P>): Promise<Job<P, R>> {
  const done = await waitForJob<P, R>(job.id, 60_000);
  expect(done.status, done.error ? `${done.error.code}: ${done.error.message}` : '').toBe(
    'succeeded',
  );
  return done;
}
