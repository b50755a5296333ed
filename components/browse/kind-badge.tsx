import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { TagSummary } from '@/lib/browse/tag-summary';

const KINDS: Record<TagSummary['format'], { label: string; tone: BadgeTone; title: string }> = {
  'docker-list': {
    label: 'manifest list',
    tone: 'violet',
    title: 'Docker manifest list: one image per platform',
  },
  'oci-index': {
    label: 'OCI index',
    tone: 'violet',
    title: 'OCI image index: one image per platform',
  },
  'docker-image': {
    label: 'image',
    tone: 'neutral',
    title: 'A single Docker image manifest (one platform)',
  },
  'oci-image': {
    label: 'image',
    tone: 'neutral',
    title: 'A single OCI image manifest (one platform)',
  },
  artifact: { label: 'artifact', tone: 'amber', title: 'An OCI artifact: not a runnable image' },
};

/** The kind of what a tag points at: manifest list, OCI index, image or artifact. */
export function KindBadge({
  format,
  artifactType,
}: {
  format: TagSummary['format'];
  artifactType?: string;
}) {
  const kind = KINDS[format];
  return (
    <Badge tone={kind.tone} title={artifactType ? `${kind.title} (${artifactType})` : kind.title}>
      {kind.label}
    </Badge>
  );
}
