/** Server-side services of the image actions: retag, copy, delete, untag, remove a platform, tag history and restore. */
export * from './cli';
export * from './conflicts';
export * from './copy';
export * from './delete';
export * from './delete-support-cache';
export * from './delete-view';
export * from './deps';
export * from './history';
export * from './jobs';
export * from './labels';
export * from './remove-platform';
export * from './retag';
export * from './targets';
export * from './resources';
