import { z } from 'zod';

/** The `[id]` segment of the scan routes. */
export const scanIdParams = z.object({ id: z.string().min(1).max(200) });
