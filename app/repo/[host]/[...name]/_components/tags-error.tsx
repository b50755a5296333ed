import Link from 'next/link';

import { BrowseError } from '@/components/browse/browse-error';
import { RefreshButton } from '@/components/browse/refresh-button';
import { toPublicError, type AppError } from '@/lib/errors';
import { registryPath } from '@/lib/paths';

/** Why a repository's tags could not be listed: no such repository (see the registry's), or an error to retry. */
export function TagsError({
  host,
  repository,
  error,
}: {
  host: string;
  repository: string;
  error: AppError;
}) {
  const unknown = error.code === 'NAME_UNKNOWN';
  return (
    <BrowseError
      title={
        unknown
          ? `${host} has no repository ${repository}`
          : `Cannot list the tags of ${repository}`
      }
      error={toPublicError(error)}
      action={
        unknown ? (
          <Link href={registryPath(host)} className="font-medium underline">
            See the repositories of {host}
          </Link>
        ) : (
          <RefreshButton />
        )
      }
    />
  );
}

/** A path that is not a repository name: why, as the name check says it. */
export function InvalidName({ repository, message }: { repository: string; message: string }) {
  return (
    <BrowseError
      title={`“${repository}” is not a repository name`}
      error={{ code: 'INVALID_REFERENCE', message, retryable: false }}
    />
  );
}
