import { requireRole, type Principal } from '@/lib/auth/guard';
import { catalogResource, roleFor, type Action, type Resource } from '@/lib/auth/resources';
import { AppError } from '@/lib/errors';
import { getCoverageScan } from '@/lib/store';

// Not re-exported by lib/coverage's index: it needs the server's guard, the rest of the feature not.

/**
 * Returns the resources declaration of a scan's routes: the catalog of the registry the scan
 * reads, with `action` (pull to see it, push to stop or resume it). For an unknown id it throws
 * FORBIDDEN to whoever lacks the action's role on every registry, else NOT_FOUND.
 */
export function scanResources(action: Action) {
  return (
    { params }: { params: { id: string } },
    { principal }: { principal: Principal },
  ): Resource[] => {
    const scan = getCoverageScan(params.id);
    if (scan) return [catalogResource(scan.registry, action)];
    // Nobody learns which ids exist without at least the role on some registry.
    requireRole(principal, roleFor(action));
    throw new AppError('NOT_FOUND', `There is no coverage scan ${params.id}`);
  };
}
