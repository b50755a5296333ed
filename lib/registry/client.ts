import {
  createAuthenticator,
  type Authenticator,
  type CredentialsProvider,
} from './auth/authenticator';
import type { Descriptor } from './descriptor';
import {
  getBlobBytes,
  headBlob,
  openBlob,
  type GetBlobOptions,
  type OpenBlobOptions,
  type OpenedBlob,
} from './ops/blobs';
import { listRepositories, type PageOptions, type RepositoryPage } from './ops/catalog';
import type { CallOptions, OperationContext, RepositoryRef } from './protocol/context';
import {
  copyBlob,
  copyManifest,
  type BlobCopyResult,
  type CopyBlobOptions,
  type CopyManifestOptions,
  type CopyManifestResult,
} from './ops/copy';
import {
  deleteManifest,
  deleteTag,
  getManifest,
  headManifest,
  putManifest,
  type FetchedManifest,
  type GetManifestOptions,
  type ManifestHead,
} from './ops/manifests';
import { mountBlob, type MountOptions, type MountResult } from './ops/mount';
import { ping, type PingResult } from './ops/ping';
import { referrers, type ReferrersOptions } from './ops/referrers';
import { listTags, type TagPage } from './ops/tags';
import { uploadBlob, type BlobSource, type UploadOptions } from './ops/upload';
import {
  createTransport,
  type RegistryResolver,
  type Transport,
  type TransportOptions,
} from './transport';

export type { RepositoryRef, CallOptions } from './protocol/context';

export interface RegistryClientOptions extends Omit<TransportOptions, 'registries'> {
  /** Settings per registry host; undefined means "not allowed" (requests throw DENIED). */
  registries: RegistryResolver;
  /** A transport to share (its `registries` is then used for TLS and the allowlist). */
  transport?: Transport;
  /** Credentials for registries whose settings carry none (e.g. resolveCredentials from docker/podman files). */
  credentials?: CredentialsProvider;
}

/** The registry client Manifold is built on. Every method takes an optional `{ signal }`. */
export interface RegistryClient {
  readonly transport: Transport;
  readonly auth: Authenticator;
  ping(registry: string, opts?: CallOptions): Promise<PingResult>;
  listRepositories(registry: string, opts?: PageOptions): Promise<RepositoryPage>;
  listTags(repo: RepositoryRef, opts?: PageOptions): Promise<TagPage>;
  headManifest(
    repo: RepositoryRef,
    reference: string,
    opts?: CallOptions,
  ): Promise<ManifestHead | undefined>;
  getManifest(
    repo: RepositoryRef,
    reference: string,
    opts?: GetManifestOptions,
  ): Promise<FetchedManifest>;
  putManifest(
    repo: RepositoryRef,
    reference: string,
    bytes: Uint8Array,
    mediaType: string,
    opts?: CallOptions,
  ): Promise<{ digest: string }>;
  deleteManifest(repo: RepositoryRef, digest: string, opts?: CallOptions): Promise<void>;
  deleteTag(repo: RepositoryRef, tag: string, opts?: CallOptions): Promise<void>;
  headBlob(
    repo: RepositoryRef,
    digest: string,
    opts?: CallOptions,
  ): Promise<{ size: number } | undefined>;
  getBlobBytes(repo: RepositoryRef, digest: string, opts?: GetBlobOptions): Promise<Uint8Array>;
  openBlob(repo: RepositoryRef, digest: string, opts?: OpenBlobOptions): Promise<OpenedBlob>;
  mountBlob(
    dst: RepositoryRef,
    digest: string,
    fromRepository: string,
    opts?: MountOptions,
  ): Promise<MountResult>;
  uploadBlob(
    repo: RepositoryRef,
    digest: string,
    size: number,
    body: BlobSource,
    opts?: UploadOptions,
  ): Promise<void>;
  copyBlob(
    src: RepositoryRef,
    dst: RepositoryRef,
    descriptor: Pick<Descriptor, 'digest' | 'size'> & { mediaType?: string },
    opts?: CopyBlobOptions,
  ): Promise<BlobCopyResult>;
  copyManifest(
    src: RepositoryRef,
    dst: RepositoryRef,
    ref: string | (Pick<Descriptor, 'digest' | 'size'> & { mediaType?: string }),
    opts?: CopyManifestOptions,
  ): Promise<CopyManifestResult>;
  referrers(repo: RepositoryRef, digest: string, opts?: ReferrersOptions): Promise<Descriptor[]>;
  /** Closes the connection pools (only when the client created its transport). */
  close(): Promise<void>;
}

/** Returns a registry client over one pooled transport and one token cache. */
export function createRegistryClient(options: RegistryClientOptions): RegistryClient {
  const { transport: shared, credentials, registries, ...transportOptions } = options;
  const transport = shared ?? createTransport({ ...transportOptions, registries });
  const auth = createAuthenticator({ transport, ...(credentials ? { credentials } : {}) });
  const ctx: OperationContext = { transport, auth };
  return {
    transport,
    auth,
    ping: (registry, opts) => ping(ctx, registry, opts),
    listRepositories: (registry, opts) => listRepositories(ctx, registry, opts),
    listTags: (repo, opts) => listTags(ctx, repo, opts),
    headManifest: (repo, reference, opts) => headManifest(ctx, repo, reference, opts),
    getManifest: (repo, reference, opts) => getManifest(ctx, repo, reference, opts),
    putManifest: (repo, reference, bytes, mediaType, opts) =>
      putManifest(ctx, repo, reference, bytes, mediaType, opts),
    deleteManifest: (repo, digest, opts) => deleteManifest(ctx, repo, digest, opts),
    deleteTag: (repo, tag, opts) => deleteTag(ctx, repo, tag, opts),
    headBlob: (repo, digest, opts) => headBlob(ctx, repo, digest, opts),
    getBlobBytes: (repo, digest, opts) => getBlobBytes(ctx, repo, digest, opts),
    openBlob: (repo, digest, opts) => openBlob(ctx, repo, digest, opts),
    mountBlob: (dst, digest, from, opts) => mountBlob(ctx, dst, digest, from, opts),
    uploadBlob: (repo, digest, size, body, opts) => uploadBlob(ctx, repo, digest, size, body, opts),
    copyBlob: (src, dst, descriptor, opts) => copyBlob(ctx, src, dst, descriptor, opts),
    copyManifest: (src, dst, ref, opts) => copyManifest(ctx, src, dst, ref, opts),
    referrers: (repo, digest, opts) => referrers(ctx, repo, digest, opts),
    close: () => (shared ? Promise.resolve() : transport.close()),
  };
}
