import 'server-only';

import type { NextRequest } from 'next/server';

import { observeRequest } from './observe';
import { toApiError } from './response';
import { DECLARED, DOOR, type DoorHandler } from './route';

/**
 * Returns the handler of a probe route (`/api/health`, `/api/ready`): what load balancers,
 * Kubernetes and Docker's HEALTHCHECK ask. They send no cookie and the Host of the pod's or
 * container's address, so unlike every other route there is no sign-in and no Host check; in
 * exchange a probe reads no input and answers only its status and the names of failing parts,
 * never configuration or secrets (docs/security.md, "Probes and metrics").
 */
export function probeRoute(handler: () => Response | Promise<Response>): DoorHandler {
  const door = (req: NextRequest) =>
    observeRequest(req, undefined, async () => {
      try {
        const res = await handler();
        res.headers.set('cache-control', 'no-store');
        return res;
      } catch (err) {
        return toApiError(err);
      }
    });
  // Marked as a public route: the routes test proves no app/api route bypasses a door.
  return Object.assign(door, { [DOOR]: true as const, [DECLARED]: 'public' as const });
}
