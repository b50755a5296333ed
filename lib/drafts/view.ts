import {
  descriptorFields,
  serializeIndex,
  validateDraft,
  attestationTarget,
  isAttestation,
  type DraftIssue,
  type DraftIssueCode,
  type IndexDraft,
  type Descriptor,
  type Platform,
} from '@/lib/registry';
import type { DraftBasedOn, StoredDraft } from '@/lib/store';

import { entryLabel } from './resolve';
import { nameDigests } from './source-name';

/** A problem of a draft: index-edit's validation issues plus the source checks done against registries. */
export interface DraftProblem extends Omit<DraftIssue, 'code'> {
  code: DraftIssueCode | 'SOURCE_MISSING' | 'SOURCE_UNREACHABLE' | 'NO_SOURCE';
}

/** One entry as the editor shows it, with the problems that concern it. */
export interface DraftEntryView {
  digest: string;
  mediaType: string;
  size: number;
  platform?: Platform;
  annotations?: Record<string, string>;
  artifactType?: string;
  /** Where it is copied from on push: 'registry/repository[:tag]@digest'. */
  source?: string;
  /** 'linux/amd64', 'attestation for linux/arm64', ... */
  label: string;
  attestation: boolean;
  /** The image digest an attestation describes. */
  attestationFor?: string;
  /** Position in the index (0-based). */
  position: number;
  issues: DraftProblem[];
}

/** A draft as the editor and the API show it. */
export interface DraftView {
  id: string;
  name: string;
  format: IndexDraft['format'];
  /** False while the format follows the first images added (see automaticFormat). */
  formatChosen: boolean;
  revision: number;
  /** Who made it; null for a draft from before owners (only admins may open it). */
  owner: { id: string; name: string } | null;
  /** The group whose members may view and edit it too; null: the owner's alone. */
  sharedWith: string | null;
  createdAt: string;
  updatedAt: string;
  basedOn: DraftBasedOn | null;
  destinations: string[];
  annotations: Record<string, string>;
  entries: DraftEntryView[];
  /** Every problem; those with an `entry` are also listed on that entry. */
  issues: DraftProblem[];
  /** The index as it would be pushed now. */
  index: { digest: string; size: number; mediaType: string };
  /** False while any problem has severity 'error'. */
  canPush: boolean;
  /** True when the source existence checks ran (validate/preview), false for a plain read. */
  sourcesChecked: boolean;
}

/** Returns the editor's view of a stored draft; `sourceIssues` come from checkSources (undefined when not checked). */
export function toDraftView(d: StoredDraft, sourceIssues?: DraftProblem[]): DraftView {
  const named = d.index.entries.map((e) => ({ digest: e.descriptor.digest, source: e.source }));
  // Problems name entries by where they came from (demo/shazam:amd64), not by digest.
  const issues: DraftProblem[] = [...validateDraft(d.index), ...(sourceIssues ?? [])].map((i) => ({
    ...i,
    message: nameDigests(i.message, named),
  }));
  const descriptors: Descriptor[] = d.index.entries.map((e) => e.descriptor);
  const serialized = serializeIndex(d.index);
  const entries = d.index.entries.map((e, position): DraftEntryView => {
    const desc = e.descriptor;
    const target = attestationTarget(desc);
    return {
      ...descriptorFields(desc),
      ...(e.source ? { source: e.source } : {}),
      label: entryLabel(desc, descriptors),
      attestation: isAttestation(desc),
      ...(target ? { attestationFor: target } : {}),
      position,
      issues: issues.filter((i) => i.entry === desc.digest),
    };
  });
  return {
    id: d.id,
    name: d.name,
    format: d.index.format,
    formatChosen: d.formatChosen,
    revision: d.revision,
    owner: d.owner,
    sharedWith: d.sharedWith,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    basedOn: d.basedOn,
    destinations: d.destinations,
    annotations: d.index.annotations ?? {},
    entries,
    issues,
    index: { digest: serialized.digest, size: serialized.size, mediaType: serialized.mediaType },
    canPush: !issues.some((i) => i.severity === 'error'),
    sourcesChecked: sourceIssues !== undefined,
  };
}
