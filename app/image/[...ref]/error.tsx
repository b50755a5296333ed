'use client';

import { RouteError } from '@/components/browse/route-error';

export default function ImageError({ error, retry }: { error: unknown; retry: () => void }) {
  return <RouteError title="This image could not be shown" error={error} retry={retry} />;
}
