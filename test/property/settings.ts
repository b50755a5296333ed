import fc from 'fast-check';

/**
 * One seed for every property run, so a failure replays: fast-check prints the seed and the
 * counterexample path; rerun with MANIFOLD_PROPERTY_SEED=<seed> (and fast-check's `path`) to get it back.
 */
export const PROPERTY_SEED = Number(process.env.MANIFOLD_PROPERTY_SEED ?? 20261130);
export const PROPERTY_RUNS = Number(process.env.MANIFOLD_PROPERTY_RUNS ?? 2000);

fc.configureGlobal({ seed: PROPERTY_SEED, numRuns: PROPERTY_RUNS, endOnFailure: true });

/** Returns the value thrown by `fn`, or undefined when it returned normally. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
    return undefined;
  } catch (err) {
    return err;
  }
}

export { fc };
