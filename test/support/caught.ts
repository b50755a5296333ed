import { isAppError, type AppError } from '@/lib/errors';

/** Returns the AppError the promise rejects with; throws when it resolves or rejects with anything else. */
export async function caught(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (isAppError(err)) return err;
    throw err;
  }
  throw new Error('expected a AppError');
}
