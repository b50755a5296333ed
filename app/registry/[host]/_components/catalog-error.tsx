import { BrowseError } from '@/components/browse/browse-error';
import { NO_CATALOG_CODES, NoCatalog } from '@/components/browse/no-catalog';
import { RefreshButton } from '@/components/browse/refresh-button';
import { RepositoryJump } from '@/components/browse/repository-jump';
import { Card } from '@/components/ui/card';
import { toPublicError, type AppError } from '@/lib/errors';

/** Why the catalog could not be listed: a registry without one, or an error to retry; a repository can still be opened by name. */
export function CatalogError({ host, error }: { host: string; error: AppError }) {
  const pub = toPublicError(error);
  if (NO_CATALOG_CODES.has(error.code)) return <NoCatalog host={host} error={pub} />;
  return (
    <>
      <BrowseError
        title={`Cannot list the repositories of ${host}`}
        error={pub}
        action={<RefreshButton />}
      />
      <Card>
        <RepositoryJump host={host} label="Or open a repository by name" />
      </Card>
    </>
  );
}
