import { attestationTarget, formatPlatform, type Descriptor } from '@/lib/registry';

/** One entry of a list as the action dialogs show it. */
export interface EntryView {
  digest: string;
  mediaType: string;
  size: number;
  /** 'linux/arm64/v8', 'attestation for linux/amd64', or the media type. */
  label: string;
  attestation: boolean;
}

/** Returns a short label for an entry: 'linux/arm64/v8', 'attestation for linux/amd64', or its type. */
export function entryLabel(d: Descriptor, all: readonly Descriptor[] = []): string {
  const target = attestationTarget(d);
  if (target) {
    const image = all.find((x) => x.digest === target);
    return `attestation for ${image?.platform ? formatPlatform(image.platform, { osVersion: true }) : target.slice(0, 19)}`;
  }
  if (d.platform && (d.platform.os || d.platform.architecture))
    return formatPlatform(d.platform, { osVersion: true });
  return d.artifactType ?? d.mediaType;
}

/** Returns the entries with their labels. */
export function entryViews(
  entries: readonly Descriptor[],
  all: readonly Descriptor[] = entries,
): EntryView[] {
  return entries.map((d) => ({
    digest: d.digest,
    mediaType: d.mediaType,
    size: d.size,
    label: entryLabel(d, all),
    attestation: attestationTarget(d) !== undefined,
  }));
}
