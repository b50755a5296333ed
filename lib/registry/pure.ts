/**
 * The registry model without Node: what client components import values from (see index.ts).
 * Nothing reachable from here may import node:*, undici or zod; pure.test.ts checks.
 */
export * from './media-types';
export * from './digest';
export * from './reference';
export * from './platform';
export * from './descriptor';
