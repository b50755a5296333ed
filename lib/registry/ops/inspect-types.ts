import type { Descriptor } from '../descriptor';
import type { ImageConfig } from '../image-config';
import type { ContentCache } from './content-cache';
import type { Platform } from '../platform';

/** The error of one child that could not be inspected; the rest of the list still renders. */
export interface ChildError {
  code: string;
  message: string;
}

export interface LayerInfo {
  digest: string;
  mediaType: string;
  size: number;
  annotations?: Record<string, string>;
}

/** One image (or artifact, or nested index) as Manifold shows it. */
export interface InspectedManifest {
  digest: string;
  mediaType: string;
  size: number;
  kind: 'image' | 'artifact' | 'index' | 'unknown';
  platform?: Platform;
  annotations?: Record<string, string>;
  artifactType?: string;
  /** The image config as the image spec names it (created, author, architecture, os, config{Env,...}). */
  config?: ImageConfig;
  configDescriptor?: { digest: string; mediaType: string; size: number };
  layers?: LayerInfo[];
  /** Compressed size of config and layers plus the manifest itself. */
  totalSize?: number;
  /** BuildKit attestation manifests that describe this image. */
  attestations?: InspectedManifest[];
  /** Children of a nested index. */
  manifests?: InspectedManifest[];
  subject?: Descriptor;
  error?: ChildError;
  /** A nested index whose digest appears earlier in this list: expanded there, not again here. */
  repeated?: true;
}

export interface InspectResult extends InspectedManifest {
  reference: string;
  registry: string;
  repository: string;
  tag?: string;
  format: 'docker-list' | 'oci-index' | 'docker-image' | 'oci-image' | 'artifact';
  /** Compressed bytes of everything under this reference, each distinct blob counted once. */
  totalSize: number;
  /** The newest `created` of the images under this reference. */
  created?: string;
  /** Attestation entries whose target is not in this list. */
  orphanAttestations?: InspectedManifest[];
  headers: { contentType?: string; dockerContentDigest?: string; contentLength?: number };
  /** The manifest bytes exactly as received, as text. */
  raw: string;
  /** Something was left out or collapsed (too many entries, repeats, nesting): see the message. */
  truncated?: true;
  truncatedMessage?: string;
}

export interface InspectOptions {
  signal?: AbortSignal;
  /** How many child manifests and configs are fetched at once (default 32: a whole list in one round trip). */
  concurrency?: number;
  /** Maximum nesting depth of indexes to follow. */
  maxDepth?: number;
  /** Content by digest: with it a warm inspect is the tag's one GET, the rest from the cache. */
  cache?: ContentCache;
  /** The most entries one answer holds (default MAX_INSPECT_MANIFESTS). */
  maxManifests?: number;
}
