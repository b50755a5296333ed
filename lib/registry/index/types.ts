// The index tier's data: what edit.ts changes and validate.ts checks (both import only this).
import type { Descriptor } from '../descriptor';
import type { Platform } from '../platform';

/** One entry of an index being built. */
export interface IndexEntry {
  descriptor: Descriptor;
  /** The reference the entry came from, e.g. 'localhost:5000/demo/shazam:amd64'. */
  source?: string;
}

/** An image index being edited. Entries are identified by digest. */
export interface IndexDraft {
  format: 'oci' | 'docker';
  entries: IndexEntry[];
  annotations?: Record<string, string>;
  artifactType?: string;
  subject?: Descriptor;
}

export interface AnnotatePatch {
  /** Fields to set; a field set to undefined or '' is removed. null removes the whole platform. */
  platform?: Partial<Platform> | null;
  /** Annotations to set; a null value removes that key. */
  annotations?: Record<string, string | null>;
}

export interface SerializedIndex {
  bytes: Uint8Array;
  mediaType: string;
  digest: string;
  size: number;
}

export type DraftIssueCode =
  | 'DUPLICATE_PLATFORM'
  | 'MISSING_PLATFORM'
  | 'MISSING_OS'
  | 'MISSING_ARCH'
  | 'DOCKER_ANNOTATIONS'
  | 'MIXED_MEDIA_TYPES'
  | 'EMPTY'
  | 'INVALID_DIGEST'
  | 'UNSUPPORTED_CHILD';

export interface DraftIssue {
  /** Digest of the entry concerned; absent for index-level issues. */
  entry?: string;
  /** Field concerned, e.g. 'platform', 'platform.os', 'annotations', 'digest'. */
  field?: string;
  code: DraftIssueCode;
  severity: 'error' | 'warning';
  message: string;
}
