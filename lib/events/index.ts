/** Registry events, the reconcile check and the complete tag timeline (docs/events.md). */
export {
  classifyDistributionEvent,
  DISTRIBUTION_MEDIA_TYPES,
  parseDistributionEnvelope,
} from './distribution';
export { acceptEvents, drainInbox, scheduleDrain, type IntakeResult } from './intake';
export { platformsOf, type EventsDeps } from './platforms';
export {
  buildTimeline,
  diffPlatforms,
  type ChangeSource,
  type PlatformDiff,
  type TimelineEntry,
} from './timeline';
export type { RegistryEvent } from './types';
export { reconcileOnce, type ReconcileResult, type ReconcileWatch } from './reconcile';
export { RECONCILE_LEASE, reconcileTurn, startEventsBackground } from './scheduler';
export { deletedTag, tagTimeline, type DeletedTag, type TagKey } from './tag-timeline';
export { EVENT_SOURCES, type EventAuth, type EventSource, type EventSourceName } from './sources';
