// Descriptors and what is read off them; pure (no zod, no hashing), so the browser can use it.
import type { Platform } from './platform';

/** An OCI content descriptor (image-spec descriptor.md); `platform` appears on index entries. */
export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: Platform;
  annotations?: Record<string, string>;
  artifactType?: string;
  urls?: string[];
  /** Base64 of the content, embedded. */
  data?: string;
}

export const ATTESTATION_TYPE_ANNOTATION = 'vnd.docker.reference.type';
export const ATTESTATION_DIGEST_ANNOTATION = 'vnd.docker.reference.digest';
export const ATTESTATION_MANIFEST = 'attestation-manifest';

/** Returns true when the index entry is a BuildKit attestation manifest (never a runnable platform). */
export function isAttestation(desc: Partial<Descriptor>): boolean {
  return desc.annotations?.[ATTESTATION_TYPE_ANNOTATION] === ATTESTATION_MANIFEST;
}

/** Returns the digest of the platform manifest an attestation entry describes, undefined otherwise. */
export function attestationTarget(desc: Partial<Descriptor>): string | undefined {
  return isAttestation(desc) ? desc.annotations?.[ATTESTATION_DIGEST_ANNOTATION] : undefined;
}

/** What views show of a descriptor: digest, media type, size and the optional fields that are set. */
export type DescriptorFields = Pick<
  Descriptor,
  'digest' | 'mediaType' | 'size' | 'platform' | 'annotations' | 'artifactType'
>;

/**
 * Returns the digest, media type and size of a descriptor, plus its platform, annotations and
 * artifactType only when set (no undefined keys); never throws.
 */
export function descriptorFields(d: Descriptor): DescriptorFields {
  return {
    digest: d.digest,
    mediaType: d.mediaType,
    size: d.size,
    ...(d.platform ? { platform: d.platform } : {}),
    ...(d.annotations ? { annotations: d.annotations } : {}),
    ...(d.artifactType ? { artifactType: d.artifactType } : {}),
  };
}
