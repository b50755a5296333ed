import { isAttestation, MediaType, type IndexDraft } from '@/lib/registry';

/**
 * Returns the format an empty draft whose format the user has not chosen takes when it receives
 * its first entries: a Docker manifest list when every entry is a Docker image manifest (as podman
 * does, so the list does not mix formats), else an OCI image index. Never throws.
 */
export function automaticFormat(entries: IndexDraft['entries']): IndexDraft['format'] {
  return entries.length > 0 &&
    entries.every((e) => e.descriptor.mediaType === MediaType.DockerManifest)
    ? 'docker'
    : 'oci';
}

/**
 * Returns `next` with its format picked by automaticFormat when the draft was empty before the
 * change and its format was not chosen; a draft whose format was not chosen also becomes an OCI
 * index when attestations arrive (a Docker list cannot carry their annotations). Otherwise `next`
 * unchanged. Never throws.
 */
export function followFirstEntries(
  before: IndexDraft,
  next: IndexDraft,
  formatChosen: boolean,
): IndexDraft {
  if (formatChosen || next.entries.length === 0) return next;
  if (next.format === 'docker' && next.entries.some((e) => isAttestation(e.descriptor)))
    return { ...next, format: 'oci' };
  if (before.entries.length > 0) return next;
  const format = automaticFormat(next.entries);
  return format === next.format ? next : { ...next, format };
}
