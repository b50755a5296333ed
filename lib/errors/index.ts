/**
 * Manifold's one error type and its tables. A leaf module: it imports nothing, so the registry
 * client, the server and the browser can all use it.
 */
export * from './codes';
export * from './details';
export * from './app-error';
export * from './http-status';
export * from './messages';
export { redactUrl } from './redact';
export * from './result';
