/** The draft service: Manifold's local manifest lists, edited here and pushed with their contents. */
export * from './service';
export * from './create';
export * from './access';
export * from './ownership';
export * from './preview';
export * from './push';
export * from './push-params';
export * from './resolve';
export * from './view';
export * from './check';
