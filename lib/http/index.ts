/** The one HTTP door of Manifold's JSON API: every `app/api/**` route is built with `route()`. */
export {
  route,
  isRoute,
  declarationOf,
  FILTERED,
  OWN,
  INSTANCE,
  type DeclarationKind,
  type DoorHandler,
  type ResourceDeclaration,
  type ResourcesOf,
  type RouteContext,
  type RouteInput,
  type RouteSpec,
} from './route';
export { publicRoute } from './public-route';
export { MAX_EVENT_BODY_BYTES, secretRoute, senderOf } from './secret-route';
export { probeRoute } from './probe-route';
export { json, respond, toApiError } from './response';
export {
  createServerTiming,
  currentServerTiming,
  withServerTiming,
  type ServerTiming,
} from './timing';
export { MAX_BODY_BYTES, readJsonBody } from './body';
export { firstIssue, parseInput } from './input';
export { referenceResources } from './target';
