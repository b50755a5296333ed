import {
  attestationTarget,
  descriptorFields,
  type ChildReach,
  type DeletePlan,
  type Descriptor,
  type DescriptorFields,
} from '@/lib/registry';

import { entryLabel } from './labels';

/** A child of a list as the delete dialog shows it. */
export interface DeletePreviewChild extends DescriptorFields {
  /** Set for BuildKit attestation manifests: the digest of the image they describe. */
  attestationFor?: string;
  /** Tags pointing at the child itself (they keep it reachable). */
  tags: string[];
  /** Other tagged lists of the repository that include the child. */
  usedBy: string[];
  /** True when nothing tagged points at it after the delete (GC with --delete-untagged removes it). */
  orphaned: boolean;
  label: string;
}

/** Everything the delete dialog shows before the user confirms. */
export type DeletePreview = Omit<DeletePlan, 'children'> & { children: DeletePreviewChild[] };

/** Returns the delete dialog's view of a plan (each child labelled, its reachability spelled out); never throws. */
export function deletePreviewOf(plan: DeletePlan): DeletePreview {
  const all = plan.children.map((c) => c.descriptor);
  return { ...plan, children: plan.children.map((c) => previewChild(c, all)) };
}

function previewChild(c: ChildReach, all: readonly Descriptor[]): DeletePreviewChild {
  const target = attestationTarget(c.descriptor);
  return {
    ...descriptorFields(c.descriptor),
    ...(target ? { attestationFor: target } : {}),
    tags: c.tags,
    usedBy: c.usedBy,
    orphaned: c.tags.length === 0 && c.usedBy.length === 0,
    label: entryLabel(c.descriptor, all),
  };
}
