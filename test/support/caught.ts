import { isRegistryError, type RegistryError } from '@/lib/registry/errors';

/** Returns the RegistryError the promise rejects with; throws when it resolves or rejects with anything else. */
export async function caught(p: Promise<unknown>): Promise<RegistryError> {
  try {
    await p;
  } catch (err) {
    if (isRegistryError(err)) return err;
    throw err;
  }
  throw new Error('expected a RegistryError');
}
