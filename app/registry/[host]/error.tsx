'use client';

import { RouteError } from '@/components/browse/route-error';

export default function AppError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <RouteError
      title="The repositories of this registry could not be shown"
      error={error}
      retry={retry}
    />
  );
}
