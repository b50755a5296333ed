import type { Descriptor } from './manifest';

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
