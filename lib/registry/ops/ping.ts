import { findChallenge, parseWwwAuthenticate } from '../auth/challenge';
import { AppError, isAppError } from '@/lib/errors';
import type { CallOptions, OperationContext } from '../protocol/context';
import { send } from '../protocol/send';

export interface PingResult {
  /** The registry answered HTTP at all. */
  reachable: boolean;
  /** Final status of `GET /v2/` (after authenticating when we could). */
  status?: number;
  /** What `GET /v2/` asked for without credentials. */
  authScheme?: 'none' | 'basic' | 'bearer';
  /** True when the registry wants credentials we do not have, or refused the ones we have. */
  needsCredentials: boolean;
  error?: AppError;
}

/**
 * Returns whether the registry answers `GET /v2/`, which auth scheme it uses and whether our
 * credentials (or anonymous access) get through. Never throws: failures are in `error`.
 */
export async function ping(
  ctx: OperationContext,
  registry: string,
  opts: CallOptions = {},
): Promise<PingResult> {
  let status: number;
  let header: string | undefined;
  try {
    const res = await ctx.transport.request({
      registry,
      method: 'GET',
      path: '/v2/',
      signal: opts.signal,
    });
    status = res.status;
    header = res.headers.get('www-authenticate');
    await res.dump();
  } catch (err) {
    return { reachable: false, needsCredentials: false, error: asRegistryError(err) };
  }
  if (status === 200)
    return { reachable: true, status, authScheme: 'none', needsCredentials: false };
  if (status !== 401) {
    return {
      reachable: true,
      status,
      needsCredentials: false,
      error: new AppError(
        'INVALID_RESPONSE',
        `${registry} answered GET /v2/ with ${status}: it does not look like an OCI registry`,
        {
          status,
        },
      ),
    };
  }
  const challenges = parseWwwAuthenticate(header);
  const authScheme = findChallenge(challenges, 'bearer')
    ? 'bearer'
    : findChallenge(challenges, 'basic')
      ? 'basic'
      : undefined;
  if (!authScheme) {
    return {
      reachable: true,
      status,
      needsCredentials: true,
      error: new AppError(
        'UNAUTHORIZED',
        `${registry} answered 401 without a Basic or Bearer challenge`,
        { status },
      ),
    };
  }
  const credentials = await ctx.auth.credentialsFor(registry);
  if (authScheme === 'basic' && !credentials) {
    return { reachable: true, status, authScheme, needsCredentials: true };
  }
  try {
    const res = await send(ctx, 'ping', registry, { signal: opts.signal });
    await res.dump();
    return { reachable: true, status: res.status, authScheme, needsCredentials: false };
  } catch (err) {
    const error = asRegistryError(err);
    const network =
      error.code === 'NETWORK' || error.code === 'TIMEOUT' || error.code === 'ABORTED';
    return {
      reachable: true,
      ...(error.status !== undefined ? { status: error.status } : {}),
      authScheme,
      needsCredentials: !network,
      error,
    };
  }
}

function asRegistryError(err: unknown): AppError {
  if (isAppError(err)) return err;
  return new AppError('UNKNOWN', err instanceof Error ? err.message : String(err), {
    cause: err,
  });
}
