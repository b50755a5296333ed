/**
 * Manifold's registry client. Entry points (nothing outside lib/registry imports deeper paths):
 * - '@/lib/registry': everything public, by tier: the model at the root (references, digests,
 *   media types, platforms, descriptors, manifests, image configs), the index tier (types, edit,
 *   validate), the transport, auth, the client and its operations (inspect, copy, push-index,
 *   retag, delete, untag, tag-guard, ...). Node only: it reaches node:crypto, streams and undici.
 *   Client components may take types from it (`import type`), never values.
 * - '@/lib/registry/pure': the model functions the browser needs (references, digest strings,
 *   media types, platforms, descriptors), with no Node import, so no polyfill reaches a bundle.
 * Inside lib/registry, tiers import downwards only: root <- transport <- auth <- protocol <- ops;
 * index/ uses the root only. The only import from outside is '@/lib/errors'.
 */
export { AppError, isAppError, type ErrorCode } from '@/lib/errors';

// The model (root tier).
export * from './media-types';
export * from './digest';
export * from './hash';
export * from './reference';
export * from './platform';
export * from './descriptor';
export * from './schemas';
export * from './manifest';
export * from './image-config';

// The index tier.
export * from './index/types';
export * from './index/edit';
export * from './index/validate';

// Transport and auth.
export {
  createTransport,
  registryBaseUrl,
  type RegistryCredentials,
  type RegistrySettings,
  type RegistryResolver,
  type RequestBody,
  type RequestInfo,
  type ResponseHeaders,
  type Transport,
  type TransportOptions,
  type TransportRequest,
  type TransportResponse,
  type Resolver,
  type ResolvedAddress,
  type SocketConnector,
  type ConnectOptions,
  type AllowUnconfigured,
} from './transport';
export { MAX_ERROR_BODY_BYTES, type NotFoundContext } from './transport/response-error';
export { parseWwwAuthenticate, resolveRealm, type Challenge } from './auth/challenge';
export { CATALOG_SCOPE, TokenCache, mergeScopes, repositoryScope } from './auth/token';
export {
  DOCKER_HUB_AUTH_KEY,
  credentialFiles,
  resolveCredentials,
  type ResolveCredentialsOptions,
} from './auth/credentials';
export {
  createAuthenticator,
  type AuthRequest,
  type AuthState,
  type Authenticator,
  type AuthenticatorOptions,
  type CredentialsProvider,
} from './auth/authenticator';

// The protocol: every endpoint, declared once.
export {
  ENDPOINTS,
  type Endpoint,
  type EndpointName,
  type EndpointScope,
} from './protocol/endpoints';
export type { CallOptions, RepositoryRef } from './protocol/context';

// The client and its registry operations.
export { createRegistryClient, type RegistryClient, type RegistryClientOptions } from './client';
export type { PingResult } from './ops/ping';
export type { PageOptions, RepositoryPage } from './ops/catalog';
export { listAllTags, type TagListing, type TagPage } from './ops/tags';
export * from './ops/paging';
export type {
  FetchedManifest,
  GetManifestOptions,
  ManifestHead,
  ManifestHeaders,
} from './ops/manifests';
export type { GetBlobOptions, OpenBlobOptions, OpenedBlob } from './ops/blobs';
export type { BlobSource, UploadOptions } from './ops/upload';
export type { MountOptions, MountResult } from './ops/mount';
export type {
  BlobCopyResult,
  CopyBlobOptions,
  CopyManifestOptions,
  CopyManifestResult,
  CopyProgressEvent,
} from './ops/copy';
export { createCopySession, type CopySession } from './ops/copy';
export type { ReferrersOptions } from './ops/referrers';

// Workflows over the client (domain data only; what a page shows is shaped by its feature).
export * from './ops/content-cache';
export * from './ops/inspect';
export * from './ops/tag-guard';
export * from './ops/tag-scan';
export * from './ops/retag';
export * from './ops/new-repository';
export * from './ops/push-index';
export * from './ops/copy-subset';
export * from './ops/delete-support';
export * from './ops/delete-plan';
export * from './ops/delete';
export * from './ops/untag';
