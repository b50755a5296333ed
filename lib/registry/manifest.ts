import type { z } from 'zod';

import { isDigest } from './digest';
import { digestOf } from './hash';
import {
  imageManifestSchema,
  indexSchema,
  type ImageManifestJson,
  type IndexJson,
} from './schemas';
import { AppError } from '@/lib/errors';
import { parseJsonObject } from './json-object';
import {
  MediaType,
  baseMediaType,
  isImageMediaType,
  isIndexMediaType,
  isSchema1MediaType,
} from './media-types';
import type { Descriptor } from './descriptor';

/**
 * Largest manifest we read: distribution refuses to store more than 4 MiB, so a bigger answer is
 * not a manifest any registry would serve.
 */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

interface ParsedCommon {
  /** The resolved media type (body field, else Content-Type, else inferred). */
  mediaType: string;
  /** The exact bytes received: hash and re-send these, never a re-serialisation. */
  raw: Uint8Array;
  /** Digest of `raw` (sha256 unless the expected digest used another algorithm). */
  digest: string;
  size: number;
  annotations?: Record<string, string>;
  artifactType?: string;
  subject?: Descriptor;
}

export type ParsedIndex = ParsedCommon & {
  kind: 'index';
  json: IndexJson;
  manifests: Descriptor[];
};
export type ParsedImage = ParsedCommon & {
  kind: 'image';
  json: ImageManifestJson;
  config: Descriptor;
  layers: Descriptor[];
};
export type ParsedManifest = ParsedIndex | ParsedImage;

export interface ParseManifestOptions {
  /** The response's Content-Type header. */
  contentType?: string | null;
  /** The digest the manifest was requested by (a digest reference); mismatch -> DIGEST_MISMATCH. */
  expectedDigest?: string;
  /** The response's Docker-Content-Digest header; mismatch -> DIGEST_MISMATCH. Ignored when malformed. */
  headerDigest?: string | null;
  /** The size from the descriptor that pointed here; mismatch -> SIZE_MISMATCH. */
  expectedSize?: number;
}

/**
 * Returns the parsed manifest, keeping the exact bytes and their digest. Throws TOO_LARGE
 * (> MAX_MANIFEST_BYTES), SIZE_MISMATCH, DIGEST_MISMATCH, SCHEMA1_UNSUPPORTED,
 * UNSUPPORTED_MEDIA_TYPE, or MANIFEST_INVALID naming the JSON path of the first problem.
 */
export function parseManifest(raw: Uint8Array, opts: ParseManifestOptions = {}): ParsedManifest {
  if (raw.byteLength > MAX_MANIFEST_BYTES) {
    throw new AppError(
      'TOO_LARGE',
      `The manifest is ${raw.byteLength} bytes; manifests larger than ${MAX_MANIFEST_BYTES} bytes (4 MiB) are refused`,
    );
  }
  if (opts.expectedSize !== undefined && raw.byteLength !== opts.expectedSize) {
    throw new AppError(
      'SIZE_MISMATCH',
      `The manifest received is ${raw.byteLength} bytes, but its descriptor says ${opts.expectedSize}`,
    );
  }

  const algorithm = opts.expectedDigest?.split(':')[0] || 'sha256';
  const digest = digestOf(raw, algorithm);
  if (opts.expectedDigest !== undefined && digest !== opts.expectedDigest) {
    throw new AppError(
      'DIGEST_MISMATCH',
      `The manifest received hashes to ${digest}, not the requested ${opts.expectedDigest}`,
    );
  }
  const header = opts.headerDigest?.trim();
  if (header && isDigest(header)) {
    const actual = header.startsWith(`${algorithm}:`)
      ? digest
      : digestOf(raw, header.split(':')[0]);
    if (actual !== header) {
      throw new AppError(
        'DIGEST_MISMATCH',
        `The manifest received hashes to ${actual}, but the registry's Docker-Content-Digest says ${header}`,
      );
    }
  }

  const body = parseJsonObject(raw, 'manifest', 'MANIFEST_INVALID');
  const mediaType = resolveMediaType(body, baseMediaType(opts.contentType));
  const common = { mediaType, raw, digest, size: raw.byteLength };

  if (isIndexMediaType(mediaType)) {
    const json = validate(indexSchema, body, mediaType);
    return {
      ...common,
      kind: 'index',
      json,
      manifests: json.manifests,
      ...optionalTopLevel(json),
    };
  }
  const json = validate(imageManifestSchema, body, mediaType);
  return {
    ...common,
    kind: 'image',
    json,
    config: json.config,
    layers: json.layers,
    ...optionalTopLevel(json),
  };
}

export const IN_TOTO_MEDIA_TYPE = 'application/vnd.in-toto+json';

/**
 * Returns 'docker-list' or 'oci-index' for indexes; for single manifests 'artifact' when it has an
 * artifactType, its config is not an image config, or every layer is an in-toto statement
 * (BuildKit attestation manifests use an image config type), else 'image'.
 */
export function classifyManifest(
  p: ParsedManifest,
): 'docker-list' | 'oci-index' | 'image' | 'artifact' {
  if (p.kind === 'index')
    return p.mediaType === MediaType.DockerManifestList ? 'docker-list' : 'oci-index';
  if (p.artifactType) return 'artifact';
  const configType = p.config.mediaType;
  if (configType !== MediaType.OciConfig && configType !== MediaType.DockerConfig)
    return 'artifact';
  const attestationOnly =
    p.layers.length > 0 && p.layers.every((l) => l.mediaType === IN_TOTO_MEDIA_TYPE);
  return attestationOnly ? 'artifact' : 'image';
}

const KNOWN_MANIFEST_TYPES = new Set<string>([
  MediaType.OciIndex,
  MediaType.DockerManifestList,
  MediaType.OciManifest,
  MediaType.DockerManifest,
]);

function resolveMediaType(body: Record<string, unknown>, headerType: string | undefined): string {
  const bodyType = typeof body.mediaType === 'string' ? body.mediaType : undefined;
  const schema1 = [bodyType, headerType].find((t) => isSchema1MediaType(t));
  if (schema1 !== undefined || body.schemaVersion === 1) {
    throw new AppError(
      'SCHEMA1_UNSUPPORTED',
      `This is a legacy Docker schema 1 manifest (${schema1 ?? 'schemaVersion 1'}), which Manifold cannot read or edit. ` +
        'Re-push the image with a current tool (docker, buildx, podman or skopeo) to convert it to schema 2 or OCI.',
    );
  }
  if (
    bodyType !== undefined &&
    headerType !== undefined &&
    KNOWN_MANIFEST_TYPES.has(bodyType) &&
    KNOWN_MANIFEST_TYPES.has(headerType) &&
    bodyType !== headerType
  ) {
    throw new AppError(
      'MANIFEST_INVALID',
      `The manifest says its mediaType is ${bodyType}, but the registry sent it as ${headerType}`,
    );
  }
  let mediaType = bodyType;
  if (mediaType === undefined && headerType !== undefined && KNOWN_MANIFEST_TYPES.has(headerType)) {
    mediaType = headerType;
  }
  if (mediaType === undefined) {
    // OCI allows leaving mediaType out; Docker types always carry it.
    if (Array.isArray(body.manifests)) return MediaType.OciIndex;
    if ('config' in body && 'layers' in body) return MediaType.OciManifest;
    if (headerType !== undefined && !isGenericType(headerType)) return unsupported(headerType);
    throw new AppError(
      'MANIFEST_INVALID',
      'Cannot tell what kind of manifest this is: it has no mediaType, no "manifests" and no "config"/"layers" (at $)',
    );
  }
  if (!KNOWN_MANIFEST_TYPES.has(mediaType)) return unsupported(mediaType);
  return mediaType;
}

function isGenericType(t: string): boolean {
  return t === 'application/json' || t === 'application/octet-stream' || t === 'text/plain';
}

function unsupported(mediaType: string): never {
  throw new AppError(
    'UNSUPPORTED_MEDIA_TYPE',
    `Unsupported manifest media type ${mediaType}; Manifold reads OCI image indexes and manifests and Docker schema 2 manifests and lists`,
  );
}

function validate<T extends z.ZodType>(schema: T, body: unknown, mediaType: string): z.output<T> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = formatJsonPath(issue?.path ?? []);
  throw new AppError(
    'MANIFEST_INVALID',
    `Invalid ${describeType(mediaType)} at ${path}: ${issue?.message ?? 'schema mismatch'}`,
  );
}

function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = '$';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

function describeType(mediaType: string): string {
  switch (mediaType) {
    case MediaType.OciIndex:
      return 'OCI image index';
    case MediaType.DockerManifestList:
      return 'Docker manifest list';
    case MediaType.OciManifest:
      return 'OCI image manifest';
    case MediaType.DockerManifest:
      return 'Docker image manifest';
    default:
      return isImageMediaType(mediaType) ? 'image manifest' : 'manifest';
  }
}

function optionalTopLevel(json: {
  annotations?: Record<string, string>;
  artifactType?: string;
  subject?: Descriptor;
}): Pick<ParsedCommon, 'annotations' | 'artifactType' | 'subject'> {
  const out: Pick<ParsedCommon, 'annotations' | 'artifactType' | 'subject'> = {};
  if (json.annotations !== undefined) out.annotations = json.annotations;
  if (json.artifactType !== undefined) out.artifactType = json.artifactType;
  if (json.subject !== undefined) out.subject = json.subject;
  return out;
}
