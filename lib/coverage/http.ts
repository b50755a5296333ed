import { z } from 'zod';

import { getCoverageScan } from '@/lib/store';

/** The `[id]` segment of the scan routes. */
export const scanIdParams = z.object({ id: z.string().min(1).max(200) });

/** Returns the registry a scan reads (the target its routes declare), undefined for an unknown id (the handler answers 404). */
export function scanTarget({
  params,
}: {
  params: { id: string };
}): { registry: string } | undefined {
  const scan = getCoverageScan(params.id);
  return scan ? { registry: scan.registry } : undefined;
}
