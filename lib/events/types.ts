/** A registry event Manifold keeps, whatever sent it: what happened to which tag or digest. */
export type RegistryEvent = EventBase &
  // Docker Hub and Quay name the tag alone, Harbor and GHCR omit the media type: what is null
  // is read with one HEAD when the stored event is processed.
  (
    | { kind: 'tag-push'; tag: string; digest: string | null; mediaType: string | null }
    | { kind: 'tag-delete'; tag: string }
    | { kind: 'digest-delete'; digest: string }
    | { kind: 'repository-delete' }
  );

interface EventBase {
  /** The sender's event id: a redelivery carries the same one. */
  id: string;
  /** ISO 8601: when the registry says it happened. */
  time: string;
  repository: string;
  /** Who the registry says did it (its user name), when it names one. */
  actor: string | null;
}
