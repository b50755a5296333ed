'use client';

import { RouteError } from '@/components/browse/route-error';

export default function RepositoryError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <RouteError
      title="The tags of this repository could not be shown"
      error={error}
      retry={retry}
    />
  );
}
