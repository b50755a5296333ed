/**
 * Manifold's registry client: public API. Import from '@/lib/registry', not from the files inside.
 */
export * from '@/lib/errors';
export * from './media-types';
export * from './digest';
export * from './reference';
export * from './manifest';
export * from './platform';

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
} from './transport';
export { MAX_ERROR_BODY_BYTES, type NotFoundContext } from './response-error';

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

export { createRegistryClient, type RegistryClient, type RegistryClientOptions } from './client';
export type { CallOptions, RepositoryRef } from './protocol/context';
export type { PingResult } from './ops/ping';
export type { PageOptions, RepositoryPage } from './ops/catalog';
export type { TagPage } from './ops/tags';
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
export type { ReferrersOptions } from './ops/referrers';
